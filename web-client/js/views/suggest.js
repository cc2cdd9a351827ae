// For a mediator: suggest a package (protocol 1.1 `suggest`, a single negotiating text) that
// every party then answers like an offer.
import { h, replace, uid } from '../dom.js';
import { issueSelect } from './offers.js';

export function mountSuggest(root, ctx) {
  let agenda = null;
  let selects = {};
  let text;

  function build() {
    selects = {};
    for (const issue of agenda.issues) {
      selects[issue.id] = issueSelect(issue, { labelText: issue.label, key: { suggestIssue: issue.id }, onChange: () => {} });
    }
    const textId = uid('why');
    text = h('textarea', { id: textId, rows: 2, maxlength: 4000, data: { suggestText: '' } });
    replace(root, h('details', { class: 'builder', data: { suggestBuilder: '' } },
      h('summary', { text: 'Suggest a package to the parties' }),
      h('form', { on: { submit: async (e) => {
        e.preventDefault();
        const pkg = Object.fromEntries(agenda.issues.map((issue) => [issue.id, selects[issue.id].read()]));
        const command = { type: 'suggest', package: pkg };
        if (text.value.trim()) command.text = text.value.trim();
        if (await ctx.send(command, 'Your suggestion is on the table: every party must accept it.')) text.value = '';
      } } },
      h('p', { class: 'muted', text: 'A mediator\'s proposal: the parties answer it like an offer; it binds when every party accepts. You do not accept it yourself.' }),
      h('div', { class: 'row wrap' }, Object.values(selects).map((x) => x.el)),
      h('div', { class: 'field' }, h('label', { for: textId, text: 'Why this package (optional, everyone sees it)' }), text),
      h('p', {}, h('button', { type: 'submit', class: 'primary', data: { sendSuggestion: '' } }, 'Suggest this package')))));
  }

  return {
    update(view) {
      if (!view.agenda || view.role !== 'mediator' || ctx.readOnly) return replace(root);
      if (agenda !== view.agenda) {
        agenda = view.agenda;
        build();
      }
    },
  };
}
