// Tradeables to widen an agenda with, from the seeds ("expand the pie before dividing it"):
// the non-price terms that cost one side little and are worth a lot to the other.
export const TRADEABLES = [
  { id: 'payment-terms', label: 'Payment terms', options: ['upfront', 'net 30', 'net 60', '3 instalments'] },
  { id: 'phased-rollout', label: 'Phased rollout', options: ['all at once', 'two phases', 'pilot first, then the rest'] },
  { id: 'support-tier', label: 'Support tier', options: ['standard', 'priority', 'dedicated contact'] },
  { id: 'training', label: 'Training', options: ['none', 'one session', 'full onboarding'] },
  { id: 'co-marketing', label: 'Co-marketing', options: ['none', 'joint press release', 'joint campaign'] },
  { id: 'case-study', label: 'Case-study rights', options: ['no', 'anonymous case study', 'named case study'] },
  { id: 'data-sharing', label: 'Data-sharing scope', options: ['none', 'aggregate usage only', 'full usage data'] },
  { id: 'audit-rights', label: 'Audit rights', options: ['none', 'once a year', 'on request'] },
  { id: 'termination', label: 'Termination for convenience', options: ['not allowed', 'with 90 days notice', 'with 30 days notice'] },
  { id: 'price-protection', label: 'Price protection', options: ['none', 'fixed for 1 year', 'fixed for 3 years'] },
  { id: 'review-cadence', label: 'Review cadence', options: ['none', 'yearly', 'quarterly'] },
];
