// Compiles a Typst file to PDF with the npm package @myriaddreamin/typst-ts-node-compiler
// (Typst's compiler as a native Node module), with bindery's fonts: bench/run.sh times it.
//
//	NODE_PATH=DIR/node_modules node bench/typst/compile.js book.typ out.pdf [fonts]
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [input, output, fontDir = 'fonts'] = process.argv.slice(2);
const compiler = NodeCompiler.create({
  workspace: path.dirname(path.resolve(input)),
  fontArgs: [{ fontPaths: [path.resolve(fontDir)] }],
});
const pdf = compiler.pdf({ mainFileContent: fs.readFileSync(input, 'utf8') });
fs.writeFileSync(output, pdf);
