// Turning the room's numbers and packages into words a person reads.

/** 7375 -> "73.75 %" (utilities are basis points). */
export function percent(bp) {
  if (bp === undefined || bp === null) return '–';
  return `${(bp / 100).toFixed(2)} %`;
}

/** A signed difference in percentage points: 250 -> "+2.50 points". */
export function points(diff) {
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  return `${sign}${(Math.abs(diff) / 100).toFixed(2)} points`;
}

/** "5000 USD" for a range issue with a unit, the option itself otherwise. */
export function optionText(issue, option) {
  if (option === undefined || option === null) return '–';
  return issue.unit ? `${option} ${issue.unit}` : String(option);
}

/** One line: "Price 5000 USD · Support 1 year · ...". */
export function packageLine(agenda, pkg) {
  return agenda.issues
    .filter((issue) => pkg && issue.id in pkg)
    .map((issue) => `${issue.label}: ${optionText(issue, pkg[issue.id])}`)
    .join(' · ');
}

/** The options of an issue, as the protocol lists them (numbers for ranges). */
export function optionsOf(issue) {
  if (issue.options) return issue.options;
  const { min, max, step } = issue.range;
  const out = [];
  for (let x = min; x <= max; x += step) out.push(x);
  return out;
}

export const OUTCOME_WORDS = {
  win: 'win: at or above your aspiration',
  'not-lose': 'not-lose: at or above your walk-away point',
  lose: 'lose: below your walk-away point',
};

export const RULE_WORDS = {
  balanced:
    'The balanced point: of all packages, this one gives the largest product of every party\'s utility, so no package is better for everyone. It clears every floor and limit.',
  frontier:
    'Drawn from the acceptable Pareto frontier: it clears every party\'s floor and limits, and no acceptable package is better for every party. The draw favours packages with a larger product of utilities.',
  improvement:
    'A post-settlement improvement: every party prefers this package to the agreement, judged on the interests of the last round.',
};

export function ruleWords(rule) {
  return RULE_WORDS[rule] ?? `Found by: ${rule}`;
}

/** Letters for the MESO grid: Offer A | Offer B | Offer C. */
export function mesoName(index) {
  return `Offer ${String.fromCharCode(65 + index)}`;
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
}
