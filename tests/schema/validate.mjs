// Validates documents against config/footfall.schema.json with ajv, a validator independent of
// footfall's own, for tests/Footfall.Tests/Config/SchemaTests.cs.
// Usage: node validate.mjs SCHEMA < {"name": document, ...}   (documents as plain JSON)
// Prints {"name": ["error", ...], ...}: an empty list for a document the schema accepts.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const schema = JSON.parse(readFileSync(process.argv[2], "utf8"));
// strict: a schema keyword ajv does not know is an error in the schema, not silently ignored.
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);
const documents = JSON.parse(readFileSync(0, "utf8"));
const verdicts = {};
for (const [name, document] of Object.entries(documents)) {
  verdicts[name] = validate(document) ? [] : validate.errors.map((e) => `${e.instancePath || "(root)"}: ${e.message}`);
}
process.stdout.write(JSON.stringify(verdicts));
