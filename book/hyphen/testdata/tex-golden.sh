#!/bin/sh
# Regenerates tex-en-us.txt and tex-en-gb.txt: every word of words.txt as
# TeX itself hyphenates it with the same pattern files (initex, \lefthyphenmin=2,
# \righthyphenmin=3, \uchyph=1). Needs TeX and pltotf: apt-get install texlive-binaries.
# Run from this directory: sh tex-golden.sh
set -e
here=$(pwd)
pat=$here/../patterns
tmp=$(mktemp -d)
cd "$tmp"
# A fake font with the letters and a hyphen: TeX hyphenates only characters
# that exist in the current font.
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
rm -rf "$tmp"
