NAME=ydkjs-get-started
REPO=getify/You-Dont-Know-JS
COMMIT=63922c18b276da141f6e07ccebe25eca87fa09f4
LICENCE="CC-BY-NC-ND-4.0"
KIND=gfm
WHY="You Don't Know JS Yet: Get Started (2nd ed.): GitHub-flavoured chapters with HTML <figure>/<figcaption> and <img>, notes as <a href=#…><sup>, tables, the preface in the parent folder"
prepare() {
  extract get-started preface.md
  book_yaml "You Don't Know JS Yet: Get Started" "Kyle Simpson" en 2020 \
    get-started/foreword.md preface.md get-started/ch1.md get-started/ch2.md get-started/ch3.md \
    get-started/ch4.md get-started/apA.md get-started/apB.md
}
