// Weighs texts with twitter-text, X's own counter, for tests/Footfall.Tests/Announce/Messages/WeightedLengthTests.cs.
// Usage: node length.mjs < ["text", ...]   Prints [weightedLength, ...] in the same order.
import { readFileSync } from "node:fs";
import twitterText from "twitter-text";

const texts = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(texts.map((text) => twitterText.parseTweet(text).weightedLength)));
