// Validation check run by the server tests: the check page's reasons for inputs that are not valid identifiers.
// Usage: node validate.mjs KIND VALUE [KIND VALUE …]  → prints [{"value":…} | {"en":…,"zh":…}, …]
import { validate } from './src/exposure-client.mjs';
import { explain } from './src/problems.mjs';

const args = process.argv.slice(2);
const answers = [];
for (let i = 0; i + 1 < args.length; i += 2) {
  const { value, problem } = validate(args[i], args[i + 1]);
  answers.push(problem ? { en: explain('en', problem), zh: explain('zh', problem) } : { value });
}
console.log(JSON.stringify(answers));
