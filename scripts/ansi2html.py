#!/usr/bin/env python3
"""Turns a terminal capture with SGR colour escapes (tmux capture-pane -e -p)
into a standalone HTML page that shows it as the terminal did, for the
screenshots in screenshots/. Handles what tmux emits: reset, bold, dim,
italic, underline, reverse, the 8/16 colours, 256-colour indices and 24-bit
colours. Usage: ansi2html.py [--title T] < capture.ans > page.html"""
import html
import re
import sys

FG, BG = "#d4d4d4", "#1b1d23"
BASE16 = ["#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
          "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]


def colour256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


class State:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def apply(self, params):
        nums = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(nums):
            n = nums[i]
            if n == 0:
                self.reset()
            elif n == 1:
                self.bold = True
            elif n == 2:
                self.dim = True
            elif n == 3:
                self.italic = True
            elif n == 4:
                self.underline = True
            elif n == 7:
                self.reverse = True
            elif n == 22:
                self.bold = self.dim = False
            elif n == 23:
                self.italic = False
            elif n == 24:
                self.underline = False
            elif n == 27:
                self.reverse = False
            elif 30 <= n <= 37:
                self.fg = BASE16[n - 30]
            elif 90 <= n <= 97:
                self.fg = BASE16[n - 90 + 8]
            elif 40 <= n <= 47:
                self.bg = BASE16[n - 40]
            elif 100 <= n <= 107:
                self.bg = BASE16[n - 100 + 8]
            elif n == 39:
                self.fg = None
            elif n == 49:
                self.bg = None
            elif n in (38, 48) and i + 1 < len(nums):
                if nums[i + 1] == 5 and i + 2 < len(nums):
                    c = colour256(nums[i + 2])
                    i += 2
                elif nums[i + 1] == 2 and i + 4 < len(nums):
                    c = "#%02x%02x%02x" % tuple(nums[i + 2:i + 5])
                    i += 4
                else:
                    c = None
                if n == 38:
                    self.fg = c
                else:
                    self.bg = c
            i += 1

    def style(self):
        fg, bg = self.fg or FG, self.bg or BG
        if self.reverse:
            fg, bg = bg, fg
        css = []
        if fg != FG:
            css.append("color:" + fg)
        if bg != BG:
            css.append("background:" + bg)
        if self.bold:
            css.append("font-weight:bold")
        if self.dim:
            css.append("opacity:0.6")
        if self.italic:
            css.append("font-style:italic")
        if self.underline:
            css.append("text-decoration:underline")
        return ";".join(css)


SGR = re.compile(r"\x1b\[([0-9;]*)m")
OTHER = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|.)")


def convert(text, title):
    out = []
    st = State()
    for line in text.rstrip("\n").split("\n"):
        pos = 0
        row = []
        for m in SGR.finditer(line):
            chunk = OTHER.sub("", line[pos:m.start()])
            if chunk:
                css = st.style()
                esc = html.escape(chunk)
                row.append('<span style="%s">%s</span>' % (css, esc) if css else esc)
            st.apply(m.group(1))
            pos = m.end()
        chunk = OTHER.sub("", line[pos:])
        if chunk:
            css = st.style()
            esc = html.escape(chunk)
            row.append('<span style="%s">%s</span>' % (css, esc) if css else esc)
        out.append("".join(row))
        st.reset()  # tmux starts every captured line afresh
    body = "\n".join(out)
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%s</title>
<style>
html, body { margin: 0; padding: 0; background: %s; }
pre { margin: 0; padding: 10px 12px; color: %s; background: %s;
      font: 15px/18px "DejaVu Sans Mono", "Liberation Mono", monospace; }
</style></head>
<body><pre>%s</pre></body></html>
""" % (html.escape(title), BG, FG, BG, body)


def main():
    title = "agx"
    if len(sys.argv) == 3 and sys.argv[1] == "--title":
        title = sys.argv[2]
    data = sys.stdin.buffer.read().decode("utf-8", "replace")
    sys.stdout.write(convert(data, title))


if __name__ == "__main__":
    main()
