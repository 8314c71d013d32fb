#!/usr/bin/env python3
"""Picks 300 words per language from Debian's spelling dictionaries into
words-LANG.txt, the input of tex-golden.sh: lower-case words of letters only,
6 to 20 characters, every n-th of the sorted list so that the sample is spread
over the alphabet. Needs hunspell-{ca,cs,da,de-de,es,fr,hr,hu,it,nl,pl,pt-pt,
ro,sv,tr} and wnorwegian. Finnish has no Debian dictionary: words-fi.txt is
written by hand."""
import os, unicodedata

SOURCES = {
    "ca": "/usr/share/hunspell/ca.dic", "cs": "/usr/share/hunspell/cs_CZ.dic",
    "da": "/usr/share/hunspell/da_DK.dic", "de": "/usr/share/hunspell/de_DE.dic",
    "es": "/usr/share/hunspell/es_ES.dic", "fr": "/usr/share/hunspell/fr.dic",
    "hr": "/usr/share/hunspell/hr_HR.dic", "hu": "/usr/share/hunspell/hu_HU.dic",
    "it": "/usr/share/hunspell/it_IT.dic", "nl": "/usr/share/hunspell/nl.dic",
    "pl": "/usr/share/hunspell/pl_PL.dic", "pt": "/usr/share/hunspell/pt_PT.dic",
    "ro": "/usr/share/hunspell/ro_RO.dic", "sv": "/usr/share/hunspell/sv_SE.dic",
    "tr": "/usr/share/hunspell/tr_TR.dic",
    "nb": "/usr/share/dict/bokmål", "nn": "/usr/share/dict/nynorsk",
}

def encoding(dic):
    aff = dic[:-4] + ".aff"
    if os.path.exists(aff):
        for line in open(aff, "rb"):
            if line.startswith(b"SET "):
                return line.split()[1].decode()
    return "utf-8"

for lang, path in sorted(SOURCES.items()):
    words = set()
    with open(path, encoding=encoding(path), errors="replace") as f:
        for i, line in enumerate(f):
            w = line.strip().split("/")[0].split("\t")[0].split(" ")[0]
            w = unicodedata.normalize("NFC", w)
            if 6 <= len(w) <= 20 and w.isalpha() and w == w.lower() and "\ufffd" not in w:
                words.add(w)
    words = sorted(words)
    step = max(1, len(words) // 300)
    with open("words-%s.txt" % lang, "w", encoding="utf-8") as out:
        for w in words[::step][:300]:
            out.write(w + "\n")
