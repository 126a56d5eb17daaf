#!/usr/bin/env python3
"""Writes data/africa-report.json, the bundled STIX 2.1 bundle agx opens by default.

This script is the source of truth for the bundle: every fact is a row in one of
the tables below, with the public source it comes from. Edit a table, run
`python3 scripts/mkdata.py`, commit both files. The output is deterministic
(uuid5 ids from fixed keys, fixed timestamps, sorted keys), so a diff of the
JSON shows exactly what changed.

No network access, no corpus files read: the values were transcribed by hand
from the public IOC publications named in SRC (several of which are also in
../shared/corpus, which is how they were checked).
"""
import json
import os
import uuid

# All objects written by us carry this creation time (the day the bundle was
# written); bump MODIFIED when a fact changes.
CREATED = "2026-11-27T00:00:00.000Z"
MODIFIED = "2026-11-27T00:00:00.000Z"
NS = uuid.uuid5(uuid.NAMESPACE_URL, "agx:data/africa-report.json")
TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
MARKS = [TLP_CLEAR]


def sid(kind, key):
    return "%s--%s" % (kind, uuid.uuid5(NS, kind + ":" + key))


# ---------------------------------------------------------------------------
# Sources: one external_reference per publication.
# ---------------------------------------------------------------------------
def ref(name, desc, url=None, eid=None):
    r = {"source_name": name, "description": desc}
    if url:
        r["url"] = url
    if eid:
        r["external_id"] = eid
    return r


SRC = {
    "s1-africa": ref("SentinelLabs",
        "Tom Hegel, 'Cyber Soft Power | China's Continental Takeover', SentinelLabs, 2023-09-21 "
        "(LABScon 2023). The report published no technical indicators.",
        "https://www.sentinelone.com/labs/cyber-soft-power-chinas-continental-takeover/"),
    "s1-taintedlove": ref("SentinelLabs",
        "'Operation Tainted Love | Chinese APTs Target Telcos in New Attacks', SentinelLabs with "
        "QGroup, 2023-03-23",
        "https://www.sentinelone.com/labs/operation-tainted-love-chinese-apts-target-telcos-in-new-attacks/"),
    "eset-bd": ref("ESET",
        "'BackdoorDiplomacy: Upgrading from Quarian to Turian', WeLiveSecurity, 2021-06-10; IOCs in "
        "eset/malware-ioc backdoordiplomacy/README.adoc",
        "https://www.welivesecurity.com/2021/06/10/backdoordiplomacy-upgrading-quarian-turian/"),
    "eset-fs": ref("ESET",
        "'FamousSparrow: A suspicious hotel guest', WeLiveSecurity, 2021-09-23; IOCs in "
        "eset/malware-ioc famoussparrow/README.adoc",
        "https://www.welivesecurity.com/2021/09/23/famoussparrow-suspicious-hotel-guest/"),
    "eset-fs2025": ref("ESET",
        "'You will always remember this as the day you finally caught FamousSparrow', "
        "WeLiveSecurity, 2025-03-26: new SparrowDoor versions and first use of ShadowPad; ESET sees "
        "FamousSparrow as a distinct cluster with loose links to GhostEmperor and Salt Typhoon "
        "(cited by maltrail apt_ghostemperor.txt for its values)",
        "https://www.welivesecurity.com/en/eset-research/you-will-always-remember-this-as-the-day-you-finally-caught-famoussparrow/"),
    "eset-mp": ref("ESET",
        "'Mustang Panda's Hodur: Old tricks, new Korplug variant', WeLiveSecurity, 2022-03-23; IOCs "
        "with first-seen dates in eset/malware-ioc mustang_panda/README.adoc",
        "https://www.welivesecurity.com/2022/03/23/mustang-panda-hodur-old-tricks-new-korplug-variant/"),
    "eset-okrum": ref("ESET",
        "'Okrum: Ke3chang group targets diplomatic missions', WeLiveSecurity, 2019-07-18; IOCs in "
        "eset/malware-ioc okrum_ke3chang/README.adoc",
        "https://www.welivesecurity.com/2019/07/18/okrum-ke3chang-targets-diplomatic-missions/"),
    "eset-exch": ref("ESET",
        "'Exchange servers under siege from at least 10 APT groups', WeLiveSecurity, 2021-03-10; "
        "IOCs in eset/malware-ioc exchange_exploitation/README.adoc (values labelled 'Winnti Group "
        "PlugX C&C server')",
        "https://www.welivesecurity.com/2021/03/10/exchange-servers-under-siege-10-apt-groups/"),
    "u42-pt2023": ref("Palo Alto Networks Unit 42",
        "'Chinese Playful Taurus Activity Leads to Discovery of a New Turian Backdoor Variant', "
        "Unit 42, January 2023: names Playful Taurus also APT15, KeChang, NICKEL, BackdoorDiplomacy "
        "and Vixen Panda, and reports Turian in its intrusions",
        "https://unit42.paloaltonetworks.com/playful-taurus/"),
    "u42-pt2024": ref("Palo Alto Networks Unit 42",
        "'Playful Taurus Mistake in 2022', Unit 42 posts of 2024-03-25; STIX 2.0 bundle "
        "pan-unit42/iocs stix2-reports/report_json/2024-03-25-Playful-Taurus-Mistake-in-2022.json",
        "https://github.com/pan-unit42/iocs/blob/master/stix2-reports/report_json/2024-03-25-Playful-Taurus-Mistake-in-2022.json"),
    "u42-st": ref("Palo Alto Networks Unit 42",
        "Unit 42 playbook for Stately Taurus (STIX 2.0), pan-unit42/playbook_viewer "
        "playbook_json/statelytaurus.json",
        "https://github.com/pan-unit42/playbook_viewer"),
    "symantec-flea": ref("Symantec",
        "'Flea Targets Foreign Ministries with Graphican Backdoor', Symantec Threat Hunter Team, "
        "June 2023: Flea also known as APT15, BackdoorDiplomacy, ke3chang, Nylon Typhoon, Playful "
        "Taurus, Royal APT, Vixen Panda",
        "https://symantec-enterprise-blogs.security.com/blogs/threat-intelligence/flea-backdoor-microsoft-graph-apt15"),
    "bitdefender-bd": ref("Bitdefender",
        "Bitdefender whitepaper on BackdoorDiplomacy (cited by maltrail apt_quarian.txt for these "
        "values)",
        "https://www.bitdefender.com/files/News/CaseStudies/study/426/Bitdefender-PR-Whitepaper-BackdoorDiplomacy-creat6507-en-EN.pdf"),
    "bitdefender-fs": ref("Bitdefender",
        "Bitdefender, 'FamousSparrow APT Targets Azerbaijani Oil and Gas Industry', May 2026: "
        "intrusion waves from late December 2025 to late February 2026 (article cited by maltrail "
        "apt_earthestries.txt for these values)",
        "https://businessinsights.bitdefender.com/famoussparrow-apt-targets-azerbaijani-oil-gas-industry"),
    "kaspersky-ge": ref("Kaspersky",
        "'GhostEmperor: From ProxyLogon to kernel mode', Securelist, 2021-09-30 (GhostEmperor, "
        "Demodex rootkit)",
        "https://securelist.com/ghostemperor-from-proxylogon-to-kernel-mode/104407/"),
    "sygnia-ge": ref("Sygnia",
        "Sygnia, 'Ghost Emperor Demodex rootkit' (cited by maltrail apt_ghostemperor.txt for "
        "dateupdata.com)",
        "https://www.sygnia.co/blog/ghost-emperor-demodex-rootkit/"),
    "trend-ee2023": ref("Trend Micro",
        "'Earth Estries Targets Government, Tech for Cyberespionage', Trend Micro, August 2023: "
        "HemiGate, Zingdoor, TrillClient; TTP overlaps with FamousSparrow; victims include South "
        "Africa; C&C behind Fastly",
        "https://www.trendmicro.com/en_us/research/23/h/earth-estries-targets-government-tech-for-cyberespionage.html"),
    "trend-ee2024": ref("Trend Micro",
        "'Game of Emperor: Unveiling Long Term Earth Estries Cyber Intrusions', Trend Micro, "
        "November 2024: GhostSpider, Demodex, SNAPPYBEE, SparrowDoor; overlaps with FamousSparrow, "
        "GhostEmperor, Salt Typhoon, UNC2286; IOC list IOC_list-EarthEstries.txt",
        "https://www.trendmicro.com/en_us/research/24/k/earth-estries.html"),
    "vn-ee": ref("NCSC Vietnam",
        "Vietnamese national cyber security centre advisory on Earth Estries, 2024-11-20 (cited by "
        "maltrail apt_earthestries.txt for the officesanalytics.com values)",
        "https://khonggianmang.vn/uploads/1_20241120_CV_APT_EARTHESTRIES_ce3a8ed572.PDF"),
    "reuters-au": ref("Reuters",
        "'Exclusive: Suspected Chinese hackers stole camera footage from African Union - memo', "
        "Reuters, 2020-12-16: an internal AU memo attributes the theft of surveillance footage from "
        "AU headquarters in Addis Ababa to the group nicknamed 'Bronze President'; Japan CERT "
        "tipped off the AU in January 2020"),
    "fireeye-apt41-2019": ref("FireEye",
        "'GAME OVER: Detecting and Stopping an APT41 Operation', FireEye, 2019-08",
        "https://www.fireeye.com/blog/threat-research/2019/08/game-over-detecting-and-stopping-an-apt41-operation.html"),
    "fireeye-apt41-2020": ref("FireEye",
        "'This Is Not a Test: APT41 Initiates Global Intrusion Campaign Using Multiple Exploits', "
        "FireEye, 2020-03",
        "https://www.fireeye.com/blog/threat-research/2020/03/apt41-initiates-global-intrusion-campaign-using-multiple-exploits.html"),
    "misp-galaxy": ref("MISP galaxy",
        "MISP/misp-galaxy clusters/threat-actor.json (synonyms and 'similar' links)",
        "https://github.com/MISP/misp-galaxy/blob/main/clusters/threat-actor.json"),
    "seed": ref("hendryadrian.com",
        "Summary of the SentinelLabs report (the project's shared/seed text), with its MITRE "
        "technique mapping; which group each technique belongs to is that summary's reading",
        "https://www.hendryadrian.com/cyber-soft-power-chinas-continental-takeover/"),
}


def mt(fname, note=None):
    """A reference to one maltrail trail file."""
    desc = "stamparm/maltrail trails/static/malware/%s" % fname
    if note:
        desc += " (%s)" % note
    return ref("maltrail", desc,
               "https://github.com/stamparm/maltrail/blob/master/trails/static/malware/" + fname)


def attack(eid, kind):
    path = {"group": "groups", "software": "software", "technique": "techniques"}[kind]
    return ref("mitre-attack", "MITRE ATT&CK Enterprise v18.1",
               "https://attack.mitre.org/%s/%s" % (path, eid), eid)


def refs(*keys):
    out = []
    for k in keys:
        out.append(k if isinstance(k, dict) else SRC[k])
    return out


# ---------------------------------------------------------------------------
# Objects
# ---------------------------------------------------------------------------
OBJ = []
REPORT_REFS = []   # objects whose facts come from the SentinelLabs report


def base(kind, key, extra, in_report=False, created=CREATED):
    o = {"type": kind, "spec_version": "2.1", "id": sid(kind, key),
         "created": created, "modified": MODIFIED, "object_marking_refs": MARKS}
    o.update(extra)
    OBJ.append(o)
    if in_report:
        REPORT_REFS.append(o["id"])
    return o["id"]


def rel(rtype, src, dst, conf, desc, xrefs, in_report=False, start=None, stop=None):
    key = "%s|%s|%s" % (rtype, src, dst)
    extra = {"relationship_type": rtype, "source_ref": src, "target_ref": dst,
             "confidence": conf, "description": desc, "external_references": xrefs}
    if start:
        extra["start_time"] = start
    if stop:
        extra["stop_time"] = stop
    return base("relationship", key, extra, in_report)


# --- intrusion sets --------------------------------------------------------
def group(key, name, aliases, desc, xrefs, conf, first_seen=None):
    extra = {"name": name, "description": desc, "external_references": xrefs,
             "confidence": conf}
    if aliases:
        extra["aliases"] = aliases
    if first_seen:
        extra["first_seen"] = first_seen
    return base("intrusion-set", key, extra, in_report=True)


BD = group("backdoordiplomacy", "BackdoorDiplomacy",
    ["Quarian", "CloudComputating", "BackDip"],
    "China-aligned espionage group that ESET named in 2021; it has targeted ministries of foreign "
    "affairs and telecommunication companies in Africa and the Middle East since at least 2017 "
    "(first_seen is that year). Its Turian backdoor is, per ESET, a next-stage evolution of the "
    "Quarian backdoor (maltrail files it as 'BackdoorDiplomacy, Quarian, Turian'; Turian is kept "
    "here as the malware, not as an alias). SentinelLabs (2023) attributes new attacks on "
    "telecommunication, finance and government bodies across Africa to it. Unit 42 and Symantec "
    "treat it as another name of APT15 (Playful Taurus / Flea); ESET and MITRE ATT&CK track it "
    "separately, so it is kept as its own intrusion set here, tied to APT15 by a related-to "
    "relationship.",
    refs("s1-africa", "eset-bd", attack("G0135", "group"), "misp-galaxy", mt("apt_quarian.txt")),
    80, "2017-01-01T00:00:00.000Z")

APT15 = group("apt15", "APT15",
    ["Ke3chang", "Playful Taurus", "NICKEL", "Nylon Typhoon", "Vixen Panda", "Mirage",
     "Royal APT", "RoyalAPT", "Playful Dragon", "Flea"],
    "Long-running China-based espionage group targeting ministries of foreign affairs and "
    "diplomatic missions (MITRE ATT&CK G0004 'Ke3chang'; Unit 42 'Playful Taurus'; Microsoft "
    "'NICKEL', now 'Nylon Typhoon'; Symantec 'Flea'). ATT&CK also lists GREF as an alias, which "
    "collides with ESET's unrelated GREF Android cluster, so it is left out. Unit 42 and Symantec "
    "add BackdoorDiplomacy to its names; see the related-to relationship. The SentinelLabs Africa "
    "report names ties to APT15.",
    refs("s1-africa", attack("G0004", "group"), "u42-pt2023", "symantec-flea", "misp-galaxy",
         mt("apt_ke3chang.txt")),
    80, "2010-01-01T00:00:00.000Z")

APT41 = group("apt41", "APT41",
    ["BARIUM", "Wicked Panda", "Brass Typhoon", "Double Dragon"],
    "China-based group conducting state-sponsored espionage and financially motivated activity "
    "(MITRE ATT&CK G0096). MISP galaxy also lists Winnti among its synonyms, while ATT&CK keeps "
    "Winnti Group (G0044) separate, so Winnti is not used as an alias here; ESET labels two of the "
    "values below 'Winnti Group'. SentinelLabs placed Operation Tainted Love in the nexus of "
    "Gallium and APT41 without settling the exact grouping.",
    refs("s1-africa", attack("G0096", "group"), "misp-galaxy", mt("apt_barium.txt")),
    80)

BP = group("bronze-president", "Bronze President",
    ["Mustang Panda", "Stately Taurus", "TA416", "RedDelta", "Earth Preta", "HoneyMyte",
     "Red Lich", "TEMP.Hex", "Twill Typhoon"],
    "China-based espionage group (Secureworks 'BRONZE PRESIDENT'; MITRE ATT&CK G0129 'Mustang "
    "Panda', whose aliases include TA416, RedDelta, STATELY TAURUS and EARTH PRETA). An African "
    "Union memo reported by Reuters (2020) attributes the theft of surveillance-camera footage "
    "from AU headquarters in Addis Ababa to it; the SentinelLabs report recalls that case. Unit 42 "
    "values for Stately Taurus also appear in maltrail's PKPLUG list; PKPLUG is not made an alias "
    "because Unit 42 described only a partial overlap.",
    refs("s1-africa", "reuters-au", attack("G0129", "group"), "eset-mp", "u42-st", "misp-galaxy",
         mt("apt_mustangpanda.txt")),
    80)

FS = group("famoussparrow", "FamousSparrow",
    None,
    "Cyberespionage group named by ESET in 2021 (hotels, governments, international "
    "organisations; ProxyLogon exploitation; SparrowDoor backdoor). MISP galaxy lists FamousSparrow "
    "as a synonym of GhostEmperor and Trend Micro reports overlaps with Earth Estries; those are "
    "kept as related-to relationships so the shared infrastructure stays visible. The SentinelLabs "
    "report names ties to FamousSparrow.",
    refs("s1-africa", "eset-fs", "eset-fs2025", "misp-galaxy"),
    80)

GE = group("ghostemperor", "GhostEmperor",
    ["UNC2286"],
    "Chinese-speaking actor named by Kaspersky in 2021, targeting government entities and telecom "
    "companies mainly in Southeast Asia with the Demodex kernel-mode rootkit. MISP galaxy lists "
    "FamousSparrow, UNC2286 and Salt Typhoon as its synonyms and Earth Estries as similar; here "
    "FamousSparrow, Earth Estries and Salt Typhoon are separate intrusion sets linked by related-to.",
    refs("kaspersky-ge", "sygnia-ge", "misp-galaxy", mt("apt_ghostemperor.txt")),
    80)

EE = group("earth-estries", "Earth Estries",
    None,
    "China-aligned group named by Trend Micro in 2023, active since at least 2020 (first_seen is "
    "that year); government, technology and telecommunications targets, including in South Africa. "
    "Tools: HemiGate, Zingdoor, TrillClient (2023), GhostSpider, Demodex, SNAPPYBEE, SparrowDoor "
    "(2024). Trend Micro reports overlaps with FamousSparrow, GhostEmperor, Salt Typhoon and "
    "UNC2286. The SentinelLabs report names ties to Earth Estries.",
    refs("s1-africa", "trend-ee2023", "trend-ee2024", "misp-galaxy", mt("apt_earthestries.txt")),
    80, "2020-01-01T00:00:00.000Z")

ST = group("salt-typhoon", "Salt Typhoon",
    None,
    "Microsoft's name for a China-based actor compromising telecommunications providers (MITRE "
    "ATT&CK G1045). Trend Micro reports overlaps between Earth Estries and Salt Typhoon; MISP galaxy "
    "lists Salt Typhoon as a synonym of GhostEmperor. No indicators are attached here: the public "
    "CISA data for it is not part of the corpus this bundle was checked against.",
    refs(attack("G1045", "group"), "trend-ee2024", "misp-galaxy"),
    60)

# --- campaign --------------------------------------------------------------
TL = base("campaign", "operation-tainted-love", {
    "name": "Operation Tainted Love",
    "description": "Intrusions into telecommunication providers, first reported in the Middle East "
        "in Q1 2023 (first_seen/last_seen give that quarter), with a rigorously maintained and "
        "version-controlled credential-theft capability (mim221, a modified Mimikatz) and a novel "
        "dropper mechanism; SentinelLabs saw it as an evolution of the Operation Soft Cell toolkit. "
        "The Africa report adds the compromise of a telecommunications entity in North Africa by "
        "the same actor. Attribution per SentinelLabs: highly likely a Chinese cyberespionage "
        "actor in the nexus of Gallium and APT41, exact grouping unclear.",
    "first_seen": "2023-01-01T00:00:00.000Z",
    "last_seen": "2023-03-31T23:59:59.000Z",
    "confidence": 70,
    "external_references": refs("s1-africa", "s1-taintedlove"),
}, in_report=True)

# --- locations and victims -------------------------------------------------
AFRICA = base("location", "africa", {
    "name": "Africa", "region": "africa",
    "external_references": refs("s1-africa")}, in_report=True)
ETHIOPIA = base("location", "ethiopia", {
    "name": "Addis Ababa, Ethiopia", "country": "ET", "city": "Addis Ababa",
    "external_references": refs("reuters-au")}, in_report=True)


def victim(key, name, cls, sectors, desc, xrefs, loc):
    i = base("identity", key, {"name": name, "identity_class": cls, "sectors": sectors,
                                "description": desc, "external_references": xrefs},
             in_report=True)
    rel("located-at", i, loc, 90, "Where the targeted organisations are.", xrefs, in_report=True)
    return i


V_TEL = victim("victim-telecom-africa", "Telecommunications providers in Africa", "class",
               ["telecommunications"],
               "Telecommunication providers in several African countries, targeted by "
               "BackdoorDiplomacy and by the actor behind Operation Tainted Love (a North African "
               "telecom entity).", refs("s1-africa", "eset-bd"), AFRICA)
V_FIN = victim("victim-finance-africa", "Financial institutions in Africa", "class",
               ["financial-services"],
               "High-priority finance organisations in African countries targeted by "
               "BackdoorDiplomacy per SentinelLabs.", refs("s1-africa"), AFRICA)
V_GOV = victim("victim-government-africa", "Government bodies in Africa", "class",
               ["government"],
               "Government bodies, notably ministries of foreign affairs, in African countries.",
               refs("s1-africa", "eset-bd", "trend-ee2023"), AFRICA)
V_AU = victim("victim-african-union", "African Union headquarters", "organization",
              ["government"],
              "African Union headquarters campus in Addis Ababa, whose surveillance-camera "
              "footage was siphoned off through servers in an administrative annex (AU memo "
              "reported by Reuters, 2020).", refs("reuters-au", "s1-africa"), ETHIOPIA)

TGT = [
    (BD, V_TEL, 80, "ESET (2021) and SentinelLabs (2023): telecommunication companies in Africa.",
     refs("s1-africa", "eset-bd")),
    (BD, V_FIN, 70, "SentinelLabs (2023): high-priority finance organisations in Africa.",
     refs("s1-africa")),
    (BD, V_GOV, 80, "ESET (2021): ministries of foreign affairs in many African countries; "
     "SentinelLabs (2023): government bodies.", refs("s1-africa", "eset-bd")),
    (TL, V_TEL, 70, "SentinelLabs (2023): a telecommunications entity in North Africa compromised "
     "by the Operation Tainted Love actor.", refs("s1-africa", "s1-taintedlove")),
    (BP, V_AU, 60, "AU internal memo reported by Reuters (2020) names 'Bronze President' for the "
     "theft of surveillance footage from AU headquarters; recalled by SentinelLabs (2023). "
     "Attribution comes from the memo, not a vendor report.", refs("reuters-au", "s1-africa")),
    (EE, V_GOV, 50, "Trend Micro (2023): Earth Estries victims are mainly government and "
     "technology organisations, in countries including South Africa.", refs("trend-ee2023")),
]
for s, t, c, d, x in TGT:
    rel("targets", s, t, c, d, x, in_report=True)

# Campaign attribution, as public as it gets.
rel("attributed-to", TL, APT41, 25,
    "SentinelLabs: 'highly likely' a Chinese cyberespionage actor related to Operation Soft Cell, "
    "in the nexus of Gallium and APT41; the exact grouping remains unclear. Low confidence on "
    "purpose.", refs("s1-taintedlove", "s1-africa"), in_report=True)

# --- attack patterns -------------------------------------------------------
TECH = {
    "T1003": ("OS Credential Dumping", "credential-access"),
    "T1105": ("Ingress Tool Transfer", "command-and-control"),
    "T1543": ("Create or Modify System Process", "persistence"),
    "T1041": ("Exfiltration Over C2 Channel", "exfiltration"),
    "T1583": ("Acquire Infrastructure", "resource-development"),
    "T1078": ("Valid Accounts", "initial-access"),
}
AP = {}
for eid, (name, phase) in TECH.items():
    AP[eid] = base("attack-pattern", eid, {
        "name": name,
        "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": phase}],
        "external_references": [attack(eid, "technique")],
    }, in_report=True)

# (who, technique, confidence, why, sources). The first rows are the report's own
# mapping; the rest are corroboration from ATT&CK and vendor technique tables.
USES_T = [
    (TL, "T1003", 70, "Report: 'rigorously maintained and version-controlled system for "
     "credential theft' (mim221).", ["s1-africa", "s1-taintedlove"]),
    (TL, "T1105", 60, "Report: 'novel dropper mechanism' staging further tooling.",
     ["s1-africa", "s1-taintedlove"]),
    (BD, "T1543", 40, "Report summary: 'maintained backdoor access into servers'; tying it to "
     "BackdoorDiplomacy is the summary's reading.", ["s1-africa", "seed"]),
    (BD, "T1583", 40, "Report summary: 'analysis of infrastructure tied to this actor'.",
     ["s1-africa", "seed"]),
    (BD, "T1078", 40, "Report summary: 'retained technical access for intelligence collection'.",
     ["s1-africa", "seed"]),
    (BP, "T1041", 60, "Report and Reuters: surveillance footage exfiltrated from AU headquarters; "
     "ATT&CK G0129 also maps T1041.", ["s1-africa", "reuters-au", attack("G0129", "group")]),
    (BD, "T1105", 80, "ATT&CK G0135: downloaded additional files and tools onto compromised hosts "
     "(ESET 2021).", [attack("G0135", "group"), "eset-bd"]),
    (APT15, "T1003", 80, "ATT&CK G0004: credential dumping incl. Mimikatz, gsecdump, NTDSDump.",
     [attack("G0004", "group")]),
    (APT15, "T1105", 80, "ATT&CK G0004: tools to download files to compromised machines.",
     [attack("G0004", "group")]),
    (APT15, "T1543", 80, "ATT&CK G0004 (T1543.003): RoyalDNS persistence as a service.",
     [attack("G0004", "group")]),
    (APT15, "T1041", 80, "ATT&CK G0004: exfiltration through the established backdoor.",
     [attack("G0004", "group")]),
    (APT15, "T1078", 80, "ATT&CK G0004: legitimate credentials obtained with dumpers/stealers.",
     [attack("G0004", "group")]),
    (APT41, "T1003", 80, "ATT&CK G0096: hashdump, Mimikatz, SAM and NTDS extraction.",
     [attack("G0096", "group")]),
    (APT41, "T1105", 80, "ATT&CK G0096: certutil to download additional files.",
     [attack("G0096", "group")]),
    (APT41, "T1543", 80, "ATT&CK G0096 (T1543.003): modified legitimate Windows services.",
     [attack("G0096", "group")]),
    (APT41, "T1078", 80, "ATT&CK G0096: compromised credentials to log on to other systems.",
     [attack("G0096", "group")]),
    (BP, "T1003", 80, "ATT&CK G0129: Hdump, Mimikatz, NTDS via vssadmin.",
     [attack("G0129", "group")]),
    (BP, "T1105", 80, "ESET (2022) ATT&CK table and ATT&CK G0129.", ["eset-mp"]),
    (BP, "T1583", 80, "ESET (2022) ATT&CK table: T1583.001/.003/.004.", ["eset-mp"]),
    (FS, "T1003", 80, "ESET (2021) ATT&CK table: OS Credential Dumping (Mimikatz, LSASS dumper).",
     ["eset-fs"]),
    (FS, "T1543", 80, "ESET (2021) ATT&CK table: T1543.003 Windows Service.", ["eset-fs"]),
    (FS, "T1041", 80, "ESET (2021) ATT&CK table: Exfiltration Over C2 Channel.", ["eset-fs"]),
    (FS, "T1583", 80, "ESET (2021) ATT&CK table: T1583.001 Domains, T1583.004 Server.",
     ["eset-fs"]),
]
for who, eid, c, d, x in USES_T:
    rel("uses", who, AP[eid], c, d, refs(*x), in_report=(x[0] == "s1-africa"))


# --- malware and tools -----------------------------------------------------
def soft(kind, key, name, desc, xrefs, aliases=None):
    extra = {"name": name, "description": desc, "external_references": xrefs}
    if kind == "malware":
        extra["is_family"] = True
    if aliases:
        extra["aliases"] = aliases
    return base(kind, key, extra)


TURIAN = soft("malware", "turian", "Turian",
    "Windows and Linux backdoor; per ESET a next-stage evolution of Quarian (last seen 2013).",
    refs("eset-bd", attack("S0647", "software"), "u42-pt2023", "u42-pt2024"))
SPARROWDOOR = soft("malware", "sparrowdoor", "SparrowDoor",
    "Custom backdoor named by ESET in its FamousSparrow report.",
    refs("eset-fs", "trend-ee2024"))
DEMODEX = soft("malware", "demodex", "Demodex",
    "Windows kernel-mode rootkit named by Kaspersky in its GhostEmperor report.",
    refs("kaspersky-ge", "sygnia-ge", "trend-ee2024"))
GHOSTSPIDER = soft("malware", "ghostspider", "GhostSpider",
    "Modular backdoor named by Trend Micro in 2024.", refs("trend-ee2024"))
HEMIGATE = soft("malware", "hemigate", "HemiGate", "Backdoor named by Trend Micro in 2023.",
    refs("trend-ee2023"))
ZINGDOOR = soft("malware", "zingdoor", "Zingdoor", "Backdoor named by Trend Micro in 2023.",
    refs("trend-ee2023"))
PLUGX = soft("malware", "plugx", "PlugX",
    "Remote access tool shared by many China-nexus groups (ESET calls it Korplug).",
    refs(attack("S0013", "software"), "eset-mp"), ["Korplug", "Sogu"])
SHADOWPAD = soft("malware", "shadowpad", "ShadowPad",
    "Modular backdoor (ATT&CK S0596) used by APT41 and by other China-nexus groups.",
    refs(attack("S0596", "software"), mt("apt_barium.txt")))
MIM221 = soft("malware", "mim221", "mim221",
    "Credential-theft tool built from modified Mimikatz, actively maintained, found in Operation "
    "Tainted Love.", refs("s1-taintedlove"))
MIMIKATZ = soft("tool", "mimikatz", "Mimikatz", "Open-source credential dumper.",
    refs(attack("S0002", "software")))

USES_S = [
    (BD, TURIAN, 90, "ESET (2021); ATT&CK G0135 uses S0647.", ["eset-bd", attack("G0135", "group")]),
    (APT15, TURIAN, 80, "Unit 42 reports Turian samples used by Playful Taurus (2023 blog; 2024 "
     "posts with three SHA-256). Shared tooling with BackdoorDiplomacy.", ["u42-pt2023", "u42-pt2024"]),
    (BD, MIMIKATZ, 80, "ATT&CK G0135 (ESET 2021).", [attack("G0135", "group"), "eset-bd"]),
    (APT15, MIMIKATZ, 80, "ATT&CK G0004.", [attack("G0004", "group")]),
    (FS, MIMIKATZ, 80, "ESET (2021) sample table: two Mimikatz builds.", ["eset-fs"]),
    (TL, MIM221, 80, "SentinelLabs (2023).", ["s1-taintedlove"]),
    (FS, SPARROWDOOR, 90, "ESET (2021, 2025).", ["eset-fs", "eset-fs2025"]),
    (FS, SHADOWPAD, 70, "ESET (2025): FamousSparrow used ShadowPad for the first time.",
     ["eset-fs2025"]),
    (EE, SPARROWDOOR, 60, "Trend Micro (2024) lists SparrowDoor among Earth Estries tools.",
     ["trend-ee2024"]),
    (GE, DEMODEX, 90, "Kaspersky (2021).", ["kaspersky-ge"]),
    (EE, DEMODEX, 70, "Trend Micro (2024).", ["trend-ee2024"]),
    (EE, GHOSTSPIDER, 90, "Trend Micro (2024).", ["trend-ee2024"]),
    (EE, HEMIGATE, 90, "Trend Micro (2023).", ["trend-ee2023"]),
    (EE, ZINGDOOR, 90, "Trend Micro (2023).", ["trend-ee2023"]),
    (EE, PLUGX, 50, "Trend Micro (2023), as summarised in MISP galaxy: Cobalt Strike, PlugX or "
     "Meterpreter stagers used interchangeably.", ["trend-ee2023", "misp-galaxy"]),
    (BP, PLUGX, 90, "ESET (2022, Korplug/Hodur); ATT&CK G0129.", ["eset-mp", attack("G0129", "group")]),
    (APT41, PLUGX, 80, "ATT&CK G0096: a PlugX variant.", [attack("G0096", "group")]),
    (APT41, SHADOWPAD, 80, "ATT&CK G0096 (FireEye 2019; Recorded Future 2021).",
     [attack("G0096", "group")]),
    (BP, SHADOWPAD, 60, "ATT&CK G0129 (Unit 42 Stately Taurus, 2023).", [attack("G0129", "group")]),
]
for who, what, c, d, x in USES_S:
    rel("uses", who, what, c, d, refs(*x))

# --- ties between groups ---------------------------------------------------
TIES = [
    (BD, APT15, 60,
     "Unit 42 (Playful Taurus, 2023) and Symantec (Flea, 2023) list BackdoorDiplomacy among the "
     "names of APT15; ESET (2021) noted victims compromised with tools and TTPs resembling "
     "MirageFox/APT15; both are reported using the Turian backdoor; maltrail files Unit 42's "
     "Playful Taurus infrastructure under Quarian/BackdoorDiplomacy. ESET and ATT&CK keep the two "
     "apart (G0135, G0004). The SentinelLabs report names ties to APT15. No value published by an "
     "ESET BackdoorDiplomacy source and by an independent APT15 source is shared exactly.",
     ["s1-africa", "u42-pt2023", "symantec-flea", "eset-bd", mt("apt_quarian.txt")]),
    (FS, GE, 60,
     "Shared infrastructure: 27.102.113.240 is published by ESET for FamousSparrow (2021) and by "
     "Kaspersky for GhostEmperor (2021, listed in maltrail apt_ghostemperor.txt). MISP galaxy "
     "lists FamousSparrow as a synonym of GhostEmperor; Trend Micro (2024) reports overlaps; "
     "ESET (2025) sees FamousSparrow as a distinct cluster with loose links to the others.",
     ["eset-fs", "kaspersky-ge", "misp-galaxy", "trend-ee2024", "eset-fs2025"]),
    (EE, FS, 50,
     "Trend Micro (2023) reports TTP overlaps between Earth Estries and FamousSparrow, and (2024) "
     "lists FamousSparrow among overlapping groups; SparrowDoor is reported for both. maltrail "
     "files Bitdefender's 2025 FamousSparrow values under Earth Estries. Note the near miss: "
     "ESET's credits.offices-analytics.com (FamousSparrow) is not NCSC Vietnam's "
     "credits.officesanalytics.com (Earth Estries).",
     ["trend-ee2023", "trend-ee2024", "bitdefender-fs", mt("apt_earthestries.txt")]),
    (EE, GE, 60,
     "Trend Micro (2024) reports overlaps with GhostEmperor and the use of Demodex, the rootkit "
     "Kaspersky named for GhostEmperor; imap.dateupdata.com appears in Trend Micro's 2024 Earth "
     "Estries list and in the Sygnia-referenced GhostEmperor values; MISP galaxy marks them "
     "similar.",
     ["trend-ee2024", "kaspersky-ge", "sygnia-ge", "misp-galaxy"]),
    (EE, ST, 40, "Trend Micro (2024) reports overlaps between Earth Estries and Salt Typhoon.",
     ["trend-ee2024"]),
    (GE, ST, 30, "MISP galaxy lists Salt Typhoon as a synonym of GhostEmperor.", ["misp-galaxy"]),
    (BP, BD, 15,
     "Only a prose claim: the report summary lists Bronze President with BackdoorDiplomacy, "
     "Operation Tainted Love and APT15 among China-aligned groups with overlapping infrastructure "
     "and tool reuse. No shared indicator is published.", ["s1-africa"]),
]
for a, b, c, d, x in TIES:
    rel("related-to", a, b, c, d, refs(*x), in_report=True)

# --- indicators ------------------------------------------------------------
# value, kind, valid_from, [(actor, confidence, why, sources, start_time)], sources of the value
IND = []


def ind(value, kind, valid_from, claims, xrefs):
    IND.append((value, kind, valid_from, claims, xrefs))


D_BD = "2021-06-10T00:00:00.000Z"
ESET_BD = "ESET (2021) lists it as BackdoorDiplomacy C&C"
for v in ["bill.microsoftbuys.com", "dnsupdate.dns2.us", "winupdate.ns02.us",
          "icta.worldmessg.com", "szsz.pmdskm.top", "pmdskm.top", "web.vpnkerio.com",
          "officeupdates.cleansite.us", "dynsystem.imbbs.in", "officeupdate.ns01.us",
          "systeminfo.oicp.net", "systeminfo.myftp.name", "updateip.onmypc.net",
          "buffetfactory.oicp.io"]:
    ind(v, "domain-name", D_BD,
        [(BD, 80, ESET_BD + "; maltrail apt_quarian.txt lists it too.",
          ["eset-bd", mt("apt_quarian.txt")], None)], ["eset-bd", mt("apt_quarian.txt")])
for v in ["infoafrica.top"]:
    ind(v, "domain-name", D_BD, [(BD, 80, ESET_BD + ".", ["eset-bd"], None)], ["eset-bd"])
for v in ["199.247.9.67", "43.251.105.218", "43.251.105.222", "43.251.105.139",
          "162.209.167.154", "23.247.47.252", "45.77.215.53", "152.32.180.34"]:
    ind(v, "ipv4-addr", D_BD, [(BD, 80, ESET_BD + ".", ["eset-bd"], None)], ["eset-bd"])

# Bitdefender BackdoorDiplomacy values (via maltrail): parents of Unit 42's Playful Taurus names.
for v in ["oracleapps.org", "proxy.oracleapps.org", "delldrivers.in", "plastic.delldrivers.in"]:
    ind(v, "domain-name", "2022-12-01T00:00:00.000Z",
        [(BD, 60, "Bitdefender's BackdoorDiplomacy whitepaper, as listed by maltrail "
          "apt_quarian.txt.", ["bitdefender-bd", mt("apt_quarian.txt")], None)],
        ["bitdefender-bd", mt("apt_quarian.txt")])

# Unit 42 Playful Taurus (APT15) values, filed by maltrail under Quarian (BackdoorDiplomacy).
MT_PT = ("maltrail apt_quarian.txt files this Unit 42 Playful Taurus value under Quarian/"
         "BackdoorDiplomacy (aliases BackdoorDiplomacy, Quarian, Turian). This edge is maltrail's "
         "classification, not an independent sighting.")
ind("update.adboeonline.net", "domain-name", "2022-07-03T00:00:00.000Z",
    [(APT15, 70, "Unit 42 (2024): misspelled domain seen in the configuration of two 2022 Turian "
      "samples used by Playful Taurus; later registered by what Unit 42 believes is likely a "
      "different actor.", ["u42-pt2024"], "2022-07-03T00:00:00.000Z"),
     (BD, 40, MT_PT, [mt("apt_quarian.txt"), "u42-pt2023"], None)],
    ["u42-pt2024", mt("apt_quarian.txt")])
ind("update.adobeonline.net", "domain-name", "2022-07-19T00:00:00.000Z",
    [(APT15, 70, "Unit 42 (2024): domain used by Playful Taurus as early as 2022-07-19; maltrail "
      "apt_ke3chang.txt lists it too.", ["u42-pt2024", mt("apt_ke3chang.txt")],
      "2022-07-19T00:00:00.000Z")],
    ["u42-pt2024", mt("apt_ke3chang.txt")])
for v in ["adboeonline.net", "mfaantivirus.xyz", "scm.oracleapps.org", "update.delldrivers.in"]:
    ind(v, "domain-name", "2023-01-01T00:00:00.000Z",
        [(APT15, 50, "Unit 42 (2023) Playful Taurus infrastructure, as listed by maltrail with "
          "that reference.", ["u42-pt2023", mt("apt_quarian.txt")], None),
         (BD, 40, MT_PT, [mt("apt_quarian.txt")], None)],
        ["u42-pt2023", mt("apt_quarian.txt")])

# ESET Okrum / Ke3chang (APT15), also in maltrail apt_ke3chang.txt.
for v in ["compatsec.com", "inicializacion.com", "center.nmsvillage.com",
          "chart.healthcare-internet.com", "control.mimepanel.org", "finance.globaleducat.com"]:
    ind(v, "domain-name", "2019-07-18T00:00:00.000Z",
        [(APT15, 80, "ESET (2019) Okrum/Ke3chang C&C; maltrail apt_ke3chang.txt lists it too.",
          ["eset-okrum", mt("apt_ke3chang.txt")], None)],
        ["eset-okrum", mt("apt_ke3chang.txt")])

# APT15 and APT41 lists share one hosting address (different ports).
ind("123.60.31.114", "ipv4-addr", "2023-01-20T00:00:00.000Z",
    [(APT15, 30, "maltrail apt_ke3chang.txt lists 123.60.31.114:7005 (references: "
      "malwrhunterteam post of 2023-01-20 and a VirusTotal sample).", [mt("apt_ke3chang.txt")],
      "2023-01-20T00:00:00.000Z"),
     (APT41, 30, "maltrail apt_barium.txt lists 123.60.31.114 on ports 8000-8007 under a "
      "ThreatFox ShadowPad reference of November 2023. Different ports and years: a weak tie.",
      [mt("apt_barium.txt")], "2023-11-25T00:00:00.000Z")],
    [mt("apt_ke3chang.txt"), mt("apt_barium.txt")])

# APT41 (barium).
for v, src in [("67.229.97.229", "fireeye-apt41-2019"), ("66.42.98.220", "fireeye-apt41-2020"),
               ("91.208.184.78", "fireeye-apt41-2020"), ("74.82.201.8", "fireeye-apt41-2020")]:
    vf = "2019-08-01T00:00:00.000Z" if src.endswith("2019") else "2020-03-01T00:00:00.000Z"
    ind(v, "ipv4-addr", vf,
        [(APT41, 70, "FireEye APT41 report, as listed by maltrail apt_barium.txt.",
          [src, mt("apt_barium.txt")], None)], [src, mt("apt_barium.txt")])
for v in ["mm.portomnail.com", "back.rooter.tk"]:
    ind(v, "domain-name", "2021-03-10T00:00:00.000Z",
        [(APT41, 50, "ESET (2021) labels it a 'Winnti Group PlugX C&C server'; maltrail files it "
          "under barium (APT41). Winnti-related per these sources.",
          ["eset-exch", mt("apt_barium.txt")], None)], ["eset-exch", mt("apt_barium.txt")])

# FamousSparrow / GhostEmperor / Earth Estries.
ind("27.102.113.240", "ipv4-addr", "2021-09-23T00:00:00.000Z",
    [(FS, 80, "ESET (2021): FamousSparrow delivery server.", ["eset-fs"], None),
     (GE, 80, "Kaspersky (2021) GhostEmperor infrastructure, listed by maltrail "
      "apt_ghostemperor.txt (ports 80 and 443).", ["kaspersky-ge", mt("apt_ghostemperor.txt")],
      None)],
    ["eset-fs", "kaspersky-ge", mt("apt_ghostemperor.txt")])
ind("credits.offices-analytics.com", "domain-name", "2021-09-23T00:00:00.000Z",
    [(FS, 80, "ESET (2021): FamousSparrow C&C (maltrail files it under KeyBoy).", ["eset-fs"],
      None)], ["eset-fs", mt("apt_keyboy.txt")])
for v in ["27.102.113.57", "27.102.114.55", "27.102.115.51", "27.102.129.120",
          "107.148.165.158", "154.223.135.214"]:
    ind(v, "ipv4-addr", "2021-09-30T00:00:00.000Z",
        [(GE, 70, "Kaspersky (2021) GhostEmperor infrastructure, listed by maltrail.",
          ["kaspersky-ge", mt("apt_ghostemperor.txt")], None)],
        ["kaspersky-ge", mt("apt_ghostemperor.txt")])
for v in ["newlylab.com", "imap.newlylab.com", "reclubpress.com", "webdignusdata.com"]:
    ind(v, "domain-name", "2021-09-30T00:00:00.000Z",
        [(GE, 70, "Kaspersky (2021) GhostEmperor infrastructure, listed by maltrail.",
          ["kaspersky-ge", mt("apt_ghostemperor.txt")], None)],
        ["kaspersky-ge", mt("apt_ghostemperor.txt")])
ind("imap.dateupdata.com", "domain-name", "2024-11-25T00:00:00.000Z",
    [(EE, 70, "Trend Micro (2024) Earth Estries IOC list, as listed by maltrail.",
      ["trend-ee2024", mt("apt_earthestries.txt")], None),
     (GE, 60, "maltrail apt_ghostemperor.txt under Sygnia's Demodex reference.",
      ["sygnia-ge", mt("apt_ghostemperor.txt")], None)],
    ["trend-ee2024", "sygnia-ge", mt("apt_earthestries.txt"), mt("apt_ghostemperor.txt")])
ind("dateupdata.com", "domain-name", "2024-11-25T00:00:00.000Z",
    [(GE, 60, "maltrail apt_ghostemperor.txt under Sygnia's Demodex reference.",
      ["sygnia-ge", mt("apt_ghostemperor.txt")], None)],
    ["sygnia-ge", mt("apt_ghostemperor.txt")])
MT_FS_GE = ("maltrail apt_ghostemperor.txt files ESET's 2025 FamousSparrow values under "
            "GhostEmperor; this edge is maltrail's classification.")
for v, kind in [("amelicen.com", "domain-name"), ("103.85.25.166", "ipv4-addr")]:
    ind(v, kind, "2025-03-26T00:00:00.000Z",
        [(FS, 70, "ESET (2025) FamousSparrow infrastructure, as listed by maltrail.",
          ["eset-fs2025", mt("apt_ghostemperor.txt")], None),
         (GE, 40, MT_FS_GE, [mt("apt_ghostemperor.txt")], None)],
        ["eset-fs2025", mt("apt_ghostemperor.txt")])
MT_FS_EE = ("maltrail apt_earthestries.txt files Bitdefender's FamousSparrow values under Earth "
            "Estries; this edge is maltrail's classification.")
for v in ["sentinelonepro.com", "virusblocker.it.com"]:
    ind(v, "domain-name", "2026-05-01T00:00:00.000Z",
        [(FS, 60, "Bitdefender FamousSparrow article (intrusion waves late December 2025 to late "
          "February 2026), as cited by maltrail for this value.",
          ["bitdefender-fs", mt("apt_earthestries.txt")], "2025-12-01T00:00:00.000Z",
          "2026-02-28T23:59:59.000Z"),
         (EE, 40, MT_FS_EE, [mt("apt_earthestries.txt")], None)],
        ["bitdefender-fs", mt("apt_earthestries.txt")])
for v in ["materialplies.com", "news.colourtinctem.com", "api.solveblemten.com",
          "esh.hoovernamosong.com", "pulseathermakf.com", "infraredsen.com"]:
    ind(v, "domain-name", "2024-11-25T00:00:00.000Z",
        [(EE, 70, "Trend Micro (2024) Earth Estries IOC list, as listed by maltrail.",
          ["trend-ee2024", mt("apt_earthestries.txt")], None)],
        ["trend-ee2024", mt("apt_earthestries.txt")])
for v, kind in [("oxcdntech.com", "domain-name"), ("cdn-6dd0035.oxcdntech.com", "domain-name"),
                ("trhammer.com", "domain-name"), ("access.trhammer.com", "domain-name"),
                ("vultr-dns.com", "domain-name"), ("linkaircdn.com", "domain-name"),
                ("cloudlibraries.global.ssl.fastly.net", "domain-name"),
                ("103.159.133.205", "ipv4-addr"), ("96.44.160.181", "ipv4-addr")]:
    extra = (" A Fastly CDN name: a warninglist (CDN) hit by design."
             if v.endswith("fastly.net") else "")
    ind(v, kind, "2023-08-31T00:00:00.000Z",
        [(EE, 70, "Trend Micro (2023) Earth Estries IOC list, as listed by maltrail." + extra,
          ["trend-ee2023", mt("apt_earthestries.txt")], None)],
        ["trend-ee2023", mt("apt_earthestries.txt")])
for v in ["officesanalytics.com", "credits.officesanalytics.com"]:
    ind(v, "domain-name", "2024-11-20T00:00:00.000Z",
        [(EE, 60, "NCSC Vietnam (2024) Earth Estries advisory, as listed by maltrail. Not the "
          "same name as FamousSparrow's credits.offices-analytics.com.",
          ["vn-ee", mt("apt_earthestries.txt")], None)], ["vn-ee", mt("apt_earthestries.txt")])

# Bronze President / Mustang Panda / Stately Taurus.
for v, kind, first in [("92.118.188.78", "ipv4-addr", "2022-01-27"),
                       ("zyber-i.com", "domain-name", "2022-03-01"),
                       ("upespr.com", "domain-name", "2022-01-17"),
                       ("urmsec.com", "domain-name", "2022-02-23"),
                       ("locvnpt.com", "domain-name", "2021-05-21"),
                       ("103.56.53.120", "ipv4-addr", "2021-06-15"),
                       ("154.204.27.181", "ipv4-addr", "2020-10-05"),
                       ("45.131.179.179", "ipv4-addr", "2020-10-05")]:
    t = first + "T00:00:00.000Z"
    ind(v, kind, t,
        [(BP, 80, "ESET (2022) Mustang Panda Hodur network indicator, first seen %s; also in "
          "maltrail apt_mustangpanda.txt / apt_ta416.txt." % first,
          ["eset-mp", mt("apt_mustangpanda.txt")], t)],
        ["eset-mp", mt("apt_mustangpanda.txt"), mt("apt_ta416.txt")])
for v, kind, vf in [("45.142.166.112", "ipv4-addr", "2021-07-19T15:23:27.843Z"),
                    ("45.248.87.162", "ipv4-addr", "2021-07-19T15:23:27.843Z"),
                    ("admin.nslookupdns.com", "domain-name", "2019-07-30T08:32:48.432Z"),
                    ("cdncool.com", "domain-name", "2019-07-29T17:25:34.883Z"),
                    ("queryurl.com", "domain-name", "2019-07-30T08:34:17.470Z")]:
    ind(v, kind, vf,
        [(BP, 80, "Unit 42 Stately Taurus playbook indicator (valid_from as there); also in "
          "maltrail (mustangpanda, ta416 or pkplug lists).", ["u42-st"], None)],
        ["u42-st", mt("apt_pkplug.txt")])

N_IND = 0
for value, kind, vf, claims, xrefs in IND:
    pattern = "[%s:value = '%s']" % (kind, value)
    iid = base("indicator", kind + ":" + value, {
        "name": value,
        "indicator_types": ["malicious-activity"],
        "pattern": pattern,
        "pattern_type": "stix",
        "valid_from": vf,
        "confidence": max(c[1] for c in claims),
        "description": " ".join(c[2] for c in claims),
        "external_references": refs(*xrefs),
    })
    N_IND += 1
    for claim in claims:
        actor, c, why, src, start = claim[:5]
        stop = claim[5] if len(claim) > 5 else None
        rel("indicates", iid, actor, c, why, refs(*src), start=start, stop=stop)

# --- the report ------------------------------------------------------------
REPORT = {
    "type": "report", "spec_version": "2.1", "id": sid("report", "sentinellabs-africa"),
    "created": CREATED, "modified": MODIFIED, "object_marking_refs": MARKS,
    "name": "Cyber Soft Power | China's Continental Takeover",
    "description": "SentinelLabs: sustained China-aligned intrusions in Africa against "
        "telecommunications, finance and government (BackdoorDiplomacy; Operation Tainted Love), "
        "the AU surveillance-footage theft, and shared infrastructure and tooling tying "
        "BackdoorDiplomacy, APT15, APT41, Bronze President, FamousSparrow and Earth Estries. The "
        "report published no indicators; the indicators in this bundle come from the vendor "
        "reports named on each of them and are not part of object_refs. Published date per "
        "the article's publication at LABScon 2023 (2023-09-21).",
    "report_types": ["threat-report"],
    "published": "2023-09-21T00:00:00.000Z",
    "object_refs": REPORT_REFS,
    "external_references": refs("s1-africa"),
    "confidence": 80,
}

TLP_OBJ = {
    "type": "marking-definition", "spec_version": "2.1", "id": TLP_CLEAR,
    "created": "2022-10-01T00:00:00.000Z", "name": "TLP:CLEAR",
    "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
        "extension_type": "property-extension", "tlp_2_0": "clear"}},
}

bundle = {"type": "bundle", "id": "bundle--" + str(uuid.uuid5(NS, "bundle")),
          "objects": [TLP_OBJ] + OBJ + [REPORT]}

ids = [o["id"] for o in bundle["objects"]]
assert len(ids) == len(set(ids)), "duplicate id"

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "africa-report.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(bundle, f, indent=2, ensure_ascii=False)
    f.write("\n")

counts = {}
for o in bundle["objects"]:
    counts[o["type"]] = counts.get(o["type"], 0) + 1
print(out, counts, "indicators:", N_IND)
