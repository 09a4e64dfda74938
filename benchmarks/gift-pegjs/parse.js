// Parse a GIFT file with gift-pegjs and print the time taken (ms) and the question count as JSON.
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

const text = fs.readFileSync(process.argv[2], "utf8");
const start = process.hrtime.bigint();
const questions = parse(text);
const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms: elapsed, questions: questions.length }));
