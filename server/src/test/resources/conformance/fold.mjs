// Folds recorded logs with the web client's reducer, as the browser's store does (emptyView, then
// apply per event {seq, at, kind, data}), for negotiation.webclient.BrowserFoldConformanceTest.
// argv[2]: reduce.js as the server serves it; stdin: [{role, events}]; stdout: per log, the
// view after each of its events. reduce.js is an ES module without a package.json around it,
// so it is imported from its text (a data: URL), which every Node with ES modules accepts.
import { readFileSync } from 'node:fs';

const source = readFileSync(process.argv[2], 'utf8');
const { apply, emptyView } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

let input = '';
for await (const chunk of process.stdin) input += chunk;
const folded = JSON.parse(input).map(({ role, events }) => {
  const view = emptyView(role);
  return events.map(({ seq, at, kind, data }) => JSON.parse(JSON.stringify(apply(view, { seq, at, kind, data }))));
});
process.stdout.write(JSON.stringify(folded));
