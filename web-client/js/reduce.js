// Folds the room's events, as this viewer sees them, into the same shape as the server's
// room view (GET /api/rooms/{id} and state?at=N), so one set of render functions shows
// both the live room and a replayed moment.

/** The privacy level of rooms created before levels existed, and the default of new ones. */
export const DEFAULT_BAND = 2000;

export function emptyView(role) {
  return {
    role,
    seq: 0,
    title: '',
    agenda: null,
    parties: [],
    round: 0,
    zopa: null,
    proposals: [],
    improvements: [],
    offers: [],
    answers: {},
    agreement: null,
    notes: [],
    // not in the server's view: the seq of this viewer's latest own move, so advice can tell what came after it
    actedSeq: 0,
    // not in the server's view: when each party last accepted each ref, for the signed agreement
    acceptedAt: {},
    // protocol 1.1
    agendaVersion: 1,
    amendments: [],
    suggestions: [],
    withdrawn: {},
    reasons: {}, // ref -> party -> the reason of its latest rejection
    interests: role === 'mediator' ? {} : null,
    // privacy and display names; rooms from before they existed show the default level and ids
    privacy: { band: DEFAULT_BAND },
    names: {},
    // `narrowed` (party -> the band it narrowed its own floor to) appears with the first narrowing;
    // `safeOffers`, the viewer's of the latest round or improvement round (a mediator's: by
    // unsealed party), only while that event showed any
    // not in the server's view: every package that was ever on the table, by ref
    packages: {},
    // not in the server's view: the latest public round's safe offers and event seq, and the
    // latest improvement round (the search that follows every agreement)
    roundSafeOffers: null,
    roundSeq: 0,
    improvementRound: null,
  };
}

function remember(view, ref, entry) {
  view.packages[ref] = entry;
}

/** How an agreed package was found, in the server's words: the engine's rule for a proposal, else who put it on the table. */
function ruleOf(entry) {
  if (!entry) return undefined;
  if (entry.rule) return entry.rule;
  if (entry.kind === 'suggestion') return 'suggestion by a mediator';
  return entry.kind === 'offer' ? `offer by ${entry.party}` : `conditional trade by ${entry.party} on ${entry.on}`;
}

/** Applies one event (kind, data, seq, at) to the view, in place. */
export function apply(view, event) {
  const { kind, data, seq, at } = event;
  view.seq = seq;
  if (data?.party !== undefined && data.party === view.role) view.actedSeq = seq;
  switch (kind) {
    case 'RoomCreated': {
      const { title, parties, issues } = data;
      view.agenda = { title, parties, issues };
      view.title = title;
      view.agendaVersion = 1;
      view.parties = parties.map((name) => ({ name, interestsVersion: 0, unsealed: false, erased: false }));
      // rooms created before privacy levels and display names: the default level, each party named by its id
      view.privacy = { band: data.privacy?.band ?? DEFAULT_BAND };
      view.names = Object.fromEntries(parties.map((name) => [name, data.names?.[name] ?? name]));
      break;
    }
    case 'InterestsSubmitted': {
      const party = view.parties.find((p) => p.name === data.party);
      if (party) {
        party.interestsVersion = data.version;
        party.agendaVersion = view.agendaVersion; // the agenda these interests were entered on
        party.erased = data.erased === true;
      }
      if (data.interests) {
        if (view.role === 'mediator') view.interests[data.party] = data.interests;
        else view.interests = data.interests;
      }
      break;
    }
    case 'ProposalsComputed': {
      const packages = data.packages ?? [];
      // the viewer's safe offers of the latest round or improvement round (a mediator: per unsealed party)
      if (data.safeOffers) view.safeOffers = data.safeOffers;
      else delete view.safeOffers;
      if (data.improves || packages.some((p) => p.rule === 'improvement')) {
        for (const p of packages) {
          view.improvements.push({ ...p, improves: data.improves, seq });
          remember(view, p.ref, { ...p, kind: 'improvement', seq });
        }
        view.improvementRound = { improves: data.improves, seq, refs: packages.map((p) => p.ref), safeOffers: data.safeOffers ?? null };
      } else {
        view.round = data.round;
        view.zopa = data.zopa;
        view.yardsticks = data.yardsticks ?? null; // the viewer's own (a mediator: per unsealed party)
        view.coarsened = Boolean(data.coarsened);
        view.roundSafeOffers = data.safeOffers ?? null;
        view.roundSeq = seq;
        view.proposals = packages.map((p) => ({ ...p, round: data.round, seq, agendaVersion: view.agendaVersion }));
        for (const p of packages) remember(view, p.ref, { ...p, kind: 'proposal', round: data.round, seq, agendaVersion: view.agendaVersion });
      }
      break;
    }
    case 'OfferMade':
    case 'TradeProposed': {
      const offer = { ...data, kind: kind === 'OfferMade' ? 'offer' : 'trade', seq, at, agendaVersion: view.agendaVersion };
      view.offers.push(offer);
      view.answers[data.ref] = { ...(view.answers[data.ref] ?? {}), [data.party]: 'accepted' };
      view.acceptedAt[data.ref] = { ...(view.acceptedAt[data.ref] ?? {}), [data.party]: at };
      remember(view, data.ref, offer);
      break;
    }
    case 'Accepted':
    case 'Rejected':
      view.answers[data.ref] = {
        ...(view.answers[data.ref] ?? {}),
        [data.party]: kind === 'Accepted' ? 'accepted' : 'rejected',
      };
      view.reasons[data.ref] = { ...(view.reasons[data.ref] ?? {}), [data.party]: kind === 'Rejected' ? data.reason : undefined };
      view.acceptedAt[data.ref] = { ...(view.acceptedAt[data.ref] ?? {}), [data.party]: kind === 'Accepted' ? at : undefined };
      break;
    case 'AgreementReached':
      // as the server's view: how the package was found, and the agenda it was agreed on
      view.agreement = { ...data, seq, at, rule: ruleOf(view.packages[data.ref]), agendaVersion: view.agendaVersion };
      break;
    case 'NoteAdded':
      view.notes.push({ seq, at, party: data.party, to: data.to, text: data.text });
      break;
    case 'AmendmentProposed':
      view.amendments.push({ ...data, seq, at, status: 'proposed' });
      if (data.party !== 'mediator') view.answers[data.ref] = { ...(view.answers[data.ref] ?? {}), [data.party]: 'accepted' };
      break;
    case 'AgendaAmended':
      view.agenda = data.agenda;
      view.agendaVersion = data.version;
      // every amendment still open was made on the old agenda: it can no longer be accepted
      for (const a of view.amendments) if (a.status === 'proposed') a.status = a.ref === data.ref ? 'agreed' : 'stale';
      break;
    case 'Withdrawn':
      view.withdrawn[data.ref] = data.party;
      if (view.packages[data.ref]) view.packages[data.ref].withdrawn = true; // the offer in view.offers, as the server marks it
      break;
    case 'MediatorSuggested': {
      const suggestion = { ...data, kind: 'suggestion', party: 'mediator', seq, at, agendaVersion: view.agendaVersion };
      view.suggestions.push(suggestion);
      remember(view, data.ref, suggestion);
      break;
    }
    case 'InterestsUnsealed': {
      const party = view.parties.find((p) => p.name === data.party);
      if (party) party.unsealed = true;
      break;
    }
    case 'PrivacyNarrowed':
      view.narrowed = { ...(view.narrowed ?? {}), [data.party]: data.band };
      break;
    case 'PrivateDataErased': {
      // The erasure withdraws the party's unseal: a new one may follow.
      const party = view.parties.find((p) => p.name === data.party);
      if (party) Object.assign(party, { erased: true, unsealed: false });
      if (view.role === 'mediator') delete view.interests[data.party];
      else if (view.role === data.party) view.interests = null;
      break;
    }
    default:
      // a newer server may send kinds this client does not know: the log still lists them
      break;
  }
  return view;
}

/**
 * The server's room view lacks the `packages` index this client adds; build it from the
 * view's own lists (used for state?at=N).
 */
export function indexView(view) {
  const out = { ...view, packages: {} };
  for (const p of view.proposals ?? []) out.packages[p.ref] = { ...p, kind: 'proposal', round: view.round };
  for (const p of view.improvements ?? []) out.packages[p.ref] = { ...p, kind: 'improvement' };
  for (const o of view.offers ?? []) out.packages[o.ref] = o;
  out.answers = view.answers ?? {};
  out.notes = view.notes ?? [];
  out.offers = view.offers ?? [];
  out.proposals = view.proposals ?? [];
  out.improvements = view.improvements ?? [];
  out.amendments = view.amendments ?? [];
  out.suggestions = view.suggestions ?? [];
  for (const sgg of out.suggestions) out.packages[sgg.ref] = sgg;
  out.withdrawn = Object.fromEntries(out.offers.filter((o) => o.withdrawn).map((o) => [o.ref, o.party]));
  out.agendaVersion = view.agendaVersion ?? 1;
  out.reasons = {};
  out.privacy = view.privacy ?? { band: DEFAULT_BAND };
  out.names = view.names ?? Object.fromEntries((view.parties ?? []).map((p) => [p.name, p.name]));
  // a replayed moment is read-only: it shows no offer to make
  out.roundSafeOffers = null;
  out.roundSeq = 0;
  out.improvementRound = null;
  return out;
}

/**
 * Whether a party can still answer `ref`, in words: 'open'; 'agreed' (the agreement stands on
 * it: rejecting it now would undo nothing and confuse everyone); 'withdrawn'; 'stale' (made on
 * an earlier agenda: the server refuses it); 'superseded' (put on the table before the
 * agreement: answering it now reopens a settled negotiation, so the app stops offering it).
 */
export function refStatus(view, ref) {
  const entry = view.packages?.[ref];
  if (view.agreement?.ref === ref) return 'agreed';
  if (view.withdrawn?.[ref]) return 'withdrawn';
  if (entry && Number.isInteger(entry.agendaVersion) && entry.agendaVersion !== (view.agendaVersion ?? 1)) return 'stale';
  if (view.agreement && entry && entry.seq < view.agreement.seq) return 'superseded';
  return 'open';
}

/** Whether a party still has to enter interests on the agenda as it stands (a first time, or after an amendment). */
export function needsInterests(view, party) {
  if (!party?.interestsVersion) return true;
  return Number.isInteger(party.agendaVersion) && party.agendaVersion < (view.agendaVersion ?? 1);
}
