#!/bin/sh
# Regenerates the TeX references: every word of words.txt (English) and
# words-LANG.txt (the other languages) as TeX itself hyphenates it with the
# same pattern files and TeX's minimums for the language.
# English: Knuth's TeX (initex, \lefthyphenmin=2, \righthyphenmin=3, \uchyph=1).
# Other languages: LuaTeX, which reads UTF-8 patterns as they are (Knuth's TeX
# needs them recoded into an 8-bit font encoding); show.lua prints the word
# with "-" at every discretionary the paragraph got.
# Needs texlive-binaries (tex, luatex, pltotf). Run from this directory:
# sh tex-golden.sh
set -e
here=$(pwd)
pat=$here/../patterns
tmp=$(mktemp -d)
cd "$tmp"
# A fake font with the letters and a hyphen: TeX hyphenates only characters
# that exist in the current font (LuaTeX hyphenates whatever the font has).
{
	echo '(FAMILY TEST)(DESIGNSIZE R 10.0)(FONTDIMEN (SLANT R 0.0)(SPACE R 0.3)(STRETCH R 0.2)(SHRINK R 0.1)(XHEIGHT R 0.4)(QUAD R 1.0))'
	for c in a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do
		echo "(CHARACTER C $c (CHARWD R 0.5)(CHARHT R 0.7))"
	done
	echo '(CHARACTER O 55 (CHARWD R 0.3)(CHARHT R 0.3))'
} > testf.pl
pltotf testf.pl testf.tfm
for l in us gb; do
	{
		printf '%s\n' '\catcode`\{=1 \catcode`\}=2 \catcode`\#=6' \
			'\lefthyphenmin=2 \righthyphenmin=3 \uchyph=1'
		printf '\\patterns{'; cat "$pat/hyph-en-$l.pat.txt"; printf '}\n'
		printf '\\hyphenation{'; cat "$pat/hyph-en-$l.hyp.txt"; printf '}\n'
		printf '%s\n' '\font\f=testf \f \hyphenchar\f=`\-' \
			'\hsize=16383pt \pretolerance=-1 \tolerance=-1 \hbadness=0 \showboxdepth=0 \showboxbreadth=10000 \parfillskip=0pt' \
			'\def\sh#1{\setbox0\vbox{\hskip0pt #1\par}}'
		sed 's/.*/\\sh{&}/' "$here/words.txt"
		printf '%s\n' '\end'
	} > run.tex
	TEXINPUTS=.: TFMFONTS=.: max_print_line=10000 tex -ini -interaction=batchmode ./run.tex > /dev/null
	grep -E '^\[\] \\f ' run.log | sed 's/^\[\] \\f //' > "$here/tex-en-$l.txt"
done

cp "$here/show.lua" .
# LANG TRIE LEFT RIGHT [EXCEPTIONS]: the minimums are those of languages_gen.go.
while read -r lang trie left right hyp; do
	words=$here/words-$lang.txt
	{
		printf '%s\n' '\catcode`\{=1 \catcode`\}=2 \catcode`\#=6'
		# Every letter of the patterns and the words is a letter to TeX.
		cat "$pat/$trie.pat.txt" "$words" | grep -o '[^0-9. ]' | sort -u | sed 's/.*/\\lccode`&=`&/'
		printf '\\lefthyphenmin=%s \\righthyphenmin=%s\n' "$left" "$right"
		printf '\\patterns{'; cat "$pat/$trie.pat.txt"; printf '}\n'
		if [ -n "$hyp" ]; then printf '\\hyphenation{'; cat "$pat/$hyp.hyp.txt"; printf '}\n'; fi
		printf '%s\n' '\font\f=testf \f \hyphenchar\f=`\-' \
			'\hsize=16383pt \pretolerance=-1 \tolerance=-1 \parfillskip=0pt' \
			'\directlua{dofile("show.lua")}' \
			'\def\sh#1{\setbox0\vbox{\hskip0pt #1\par}\directlua{showword()}}'
		sed 's/.*/\\sh{&}/' "$words"
		printf '%s\n' '\end'
	} > run.tex
	TEXINPUTS=.: TFMFONTS=.: max_print_line=10000 luatex -ini -interaction=batchmode ./run.tex > /dev/null || true
	if grep -q '^!' run.log; then grep -A3 '^!' run.log >&2; exit 1; fi
	grep '^WORD ' run.log | sed 's/^WORD //' > "$here/tex-$lang.txt"
done <<LANGS
$(sed -n 's/.*tag: "\([^"]*\)".*trie: "\([^"]*\)", exceptions: "\([^"]*\)", left: \([0-9]\), right: \([0-9]\).*/\1 \2 \4 \5 \3/p' "$here/../languages_gen.go" | grep -v '^en-')
LANGS
rm -rf "$tmp"
