#include "loaders/stix2_pattern.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "graph/kind.h"
#include "graph/strbuf.h"

enum tok_type {
	T_END,
	T_LBRACK,
	T_RBRACK,
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_OP,
	T_STRING,
	T_LITERAL,
	T_PATH,
	T_WORD,
	T_ERROR
};

struct tok {
	enum tok_type type;
	size_t start;
	struct strbuf text; /* decoded */
};

struct lexer {
	const char *s;
	size_t pos;
	const char *err;
	size_t err_at;
};

static int is_word(int c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '.' || c == '+' || c == '*';
}

/* A quoted literal at lx->pos (after the quote): decoded into t->text. */
static int lex_quoted(struct lexer *lx, struct tok *t)
{
	const char *s = lx->s;
	for (;;) {
		char c = s[lx->pos];
		if (c == '\0') {
			lx->err = "unterminated string";
			lx->err_at = t->start;
			return -1;
		}
		lx->pos++;
		if (c == '\\' && (s[lx->pos] == '\'' || s[lx->pos] == '\\')) {
			strbuf_addc(&t->text, s[lx->pos++]);
			continue;
		}
		if (c == '\'')
			return 0;
		/* c and the plain bytes after it, at once */
		size_t j = lx->pos;
		while (s[j] && s[j] != '\\' && s[j] != '\'')
			j++;
		strbuf_add(&t->text, s + lx->pos - 1, j - lx->pos + 1);
		lx->pos = j;
	}
}

/* An object path: type ':' property ('.' property | '.' 'quoted' | [n] | [*])*.
 * Canonical form: type lower-case, quotes dropped, hash names upper-case
 * without '-' ("file:hashes.SHA256"). */
static int lex_path(struct lexer *lx, struct tok *t)
{
	const char *s = lx->s;
	int in_hashes = 0;
	while ((is_word((unsigned char)s[lx->pos]) && s[lx->pos] != '.') || s[lx->pos] == ':')
		strbuf_addc(&t->text, (char)tolower((unsigned char)s[lx->pos++]));
	for (;;) {
		char c = s[lx->pos];
		if (c == '[') {
			size_t close = lx->pos + 1;
			while (s[close] && s[close] != ']' &&
			       (isdigit((unsigned char)s[close]) || s[close] == '*'))
				close++;
			if (s[close] != ']')
				break; /* not an index: the '[' belongs to the pattern */
			strbuf_add(&t->text, s + lx->pos, close + 1 - lx->pos);
			lx->pos = close + 1;
			continue;
		}
		if (c != '.')
			break;
		strbuf_addc(&t->text, '.');
		lx->pos++;
		in_hashes = t->text.len >= 8 && !strcmp(t->text.buf + t->text.len - 8, ":hashes.");
		in_hashes |= t->text.len >= 8 && !strcmp(t->text.buf + t->text.len - 8, ".hashes.");
		struct strbuf seg = STRBUF_INIT;
		if (s[lx->pos] == '\'') {
			struct tok q = {T_STRING, lx->pos, STRBUF_INIT};
			lx->pos++;
			if (lex_quoted(lx, &q)) {
				strbuf_free(&q.text);
				return -1;
			}
			strbuf_adds(&seg, strbuf_str(&q.text));
			strbuf_free(&q.text);
		} else {
			while (is_word((unsigned char)s[lx->pos]) && s[lx->pos] != '.')
				strbuf_addc(&seg, s[lx->pos++]);
		}
		for (size_t i = 0; i < seg.len; i++) {
			char ch = seg.buf[i];
			if (in_hashes && ch == '-')
				continue;
			strbuf_addc(&t->text, in_hashes ? (char)toupper((unsigned char)ch) : ch);
		}
		strbuf_free(&seg);
	}
	return 0;
}

static void next_tok(struct lexer *lx, struct tok *t)
{
	const char *s = lx->s;
	strbuf_reset(&t->text);
	while (isspace((unsigned char)s[lx->pos]))
		lx->pos++;
	t->start = lx->pos;
	char c = s[lx->pos];
	switch (c) {
	case '\0':
		t->type = T_END;
		return;
	case '[':
		lx->pos++;
		t->type = T_LBRACK;
		return;
	case ']':
		lx->pos++;
		t->type = T_RBRACK;
		return;
	case '(':
		lx->pos++;
		t->type = T_LPAREN;
		return;
	case ')':
		lx->pos++;
		t->type = T_RPAREN;
		return;
	case ',':
		lx->pos++;
		t->type = T_COMMA;
		return;
	case '\'':
		lx->pos++;
		t->type = lex_quoted(lx, t) ? T_ERROR : T_STRING;
		return;
	case '=':
	case '!':
	case '<':
	case '>':
		strbuf_addc(&t->text, c);
		lx->pos++;
		if (s[lx->pos] == '=')
			strbuf_addc(&t->text, s[lx->pos++]);
		t->type = strcmp(t->text.buf, "!") ? T_OP : T_ERROR;
		if (t->type == T_ERROR) {
			lx->err = "'!' without '='";
			lx->err_at = t->start;
		}
		return;
	default:
		break;
	}
	if ((c == 't' || c == 'b' || c == 'h') && s[lx->pos + 1] == '\'') {
		lx->pos += 2;
		t->type = lex_quoted(lx, t) ? T_ERROR : T_LITERAL;
		return;
	}
	if (is_word((unsigned char)c)) {
		size_t p = lx->pos;
		while (is_word((unsigned char)s[p]))
			p++;
		if (s[p] == ':') {
			t->type = lex_path(lx, t) ? T_ERROR : T_PATH;
			return;
		}
		strbuf_add(&t->text, s + lx->pos, p - lx->pos);
		lx->pos = p;
		t->type = T_WORD;
		return;
	}
	lx->err = "unexpected character";
	lx->err_at = lx->pos;
	t->type = T_ERROR;
}

static int is_op_word(const char *w)
{
	static const char *const ops[] = {"LIKE", "MATCHES", "IN", "ISSUBSET", "ISSUPERSET", NULL};
	for (int i = 0; ops[i]; i++)
		if (!strcasecmp(w, ops[i]))
			return 1;
	return 0;
}

static void emit(pattern_fn fn, void *ctx, const char *path, const char *op, int negated,
		 const struct tok *v, size_t at)
{
	struct pattern_cmp cmp = {
	    path, op, negated, strbuf_str(&v->text), v->text.len, v->type == T_STRING, at};
	fn(ctx, &cmp);
}

int stix2_pattern_parse(const char *pattern, pattern_fn fn, void *ctx, char *err, size_t errlen)
{
	struct lexer lx = {pattern, 0, NULL, 0};
	struct tok t = {T_END, 0, STRBUF_INIT};
	struct strbuf path = STRBUF_INIT, op = STRBUF_INIT;
	int brackets = 0, parens = 0, rc = 0;
	for (next_tok(&lx, &t);; next_tok(&lx, &t)) {
		if (t.type == T_ERROR)
			goto fail;
		if (t.type == T_END)
			break;
		switch (t.type) {
		case T_LBRACK:
			brackets++;
			continue;
		case T_RBRACK:
			if (--brackets < 0) {
				lx.err = "']' without '['";
				goto fail_here;
			}
			continue;
		case T_LPAREN:
			parens++;
			continue;
		case T_RPAREN:
			if (--parens < 0) {
				lx.err = "')' without '('";
				goto fail_here;
			}
			continue;
		case T_PATH:
			break;
		default:
			continue; /* AND, OR, qualifiers and their operands */
		}
		/* a comparison: PATH [NOT] OP value */
		size_t at = t.start;
		strbuf_reset(&path);
		strbuf_adds(&path, strbuf_str(&t.text));
		next_tok(&lx, &t);
		int negated = 0;
		if (t.type == T_WORD && !strcasecmp(strbuf_str(&t.text), "NOT")) {
			negated = 1;
			next_tok(&lx, &t);
		}
		if (t.type == T_ERROR)
			goto fail;
		if (t.type != T_OP && !(t.type == T_WORD && is_op_word(strbuf_str(&t.text)))) {
			lx.err = "comparison operator expected";
			goto fail_here;
		}
		strbuf_reset(&op);
		for (const char *p = strbuf_str(&t.text); *p; p++)
			strbuf_addc(&op, (char)toupper((unsigned char)*p));
		next_tok(&lx, &t);
		if (t.type == T_LPAREN) { /* IN ('a', 'b') */
			for (next_tok(&lx, &t); t.type != T_RPAREN; next_tok(&lx, &t)) {
				if (t.type == T_COMMA)
					continue;
				if (t.type != T_STRING && t.type != T_WORD && t.type != T_LITERAL) {
					if (t.type != T_ERROR)
						lx.err = "unterminated value list";
					goto fail_here;
				}
				emit(fn, ctx, strbuf_str(&path), strbuf_str(&op), negated, &t, at);
			}
			continue;
		}
		if (t.type != T_STRING && t.type != T_WORD && t.type != T_LITERAL) {
			if (t.type != T_ERROR)
				lx.err = "a value expected after the operator";
			goto fail_here;
		}
		emit(fn, ctx, strbuf_str(&path), strbuf_str(&op), negated, &t, at);
	}
	if (brackets || parens) {
		lx.err = brackets ? "unbalanced '['" : "unbalanced '('";
		lx.err_at = lx.pos;
		goto fail;
	}
	goto out;
fail_here:
	if (!lx.err)
		lx.err = "malformed pattern";
	lx.err_at = t.start;
fail:
	rc = -1;
	if (err && errlen)
		snprintf(err, errlen, "%s at offset %zu", lx.err ? lx.err : "malformed pattern",
			 lx.err_at);
out:
	strbuf_free(&t.text);
	strbuf_free(&path);
	strbuf_free(&op);
	return rc;
}

int stix2_pattern_kind(const char *path)
{
	static const struct {
		const char *path;
		int kind;
	} table[] = {
	    {"domain-name:value", NODE_DOMAIN},
	    {"ipv4-addr:value", NODE_IPV4},
	    {"ipv6-addr:value", NODE_IPV6},
	    {"url:value", NODE_URL},
	    {"email-addr:value", NODE_EMAIL},
	    {"email-message:from_ref.value", NODE_EMAIL},
	    {"email-message:sender_ref.value", NODE_EMAIL},
	    {"autonomous-system:number", NODE_ASN},
	    {"domain-name:resolves_to_refs[*].value", PATTERN_GUESS},
	    {"network-traffic:dst_ref.value", PATTERN_GUESS},
	    {"network-traffic:src_ref.value", PATTERN_GUESS},
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(path, table[i].path))
			return table[i].kind;
	static const char *const hashes[] = {"MD5", "SHA1", "SHA256", "SHA512", NULL};
	const char *h = NULL;
	int kind = PATTERN_UNSUPPORTED;
	if (!strncmp(path, "file:hashes.", 12)) {
		h = path + 12;
		kind = NODE_FILE;
	} else if (!strncmp(path, "x509-certificate:hashes.", 24)) {
		h = path + 24;
		kind = NODE_X509;
	} else if (!strncmp(path, "artifact:hashes.", 16)) {
		h = path + 16;
		kind = NODE_FILE;
	}
	if (h)
		for (int i = 0; hashes[i]; i++)
			if (!strcmp(h, hashes[i]))
				return kind;
	return PATTERN_UNSUPPORTED;
}
