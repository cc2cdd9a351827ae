// Agendas to start from: the two scenarios of the project and a hiring offer.

export const TEMPLATES = [
  {
    id: 'pos',
    name: 'Point-of-sale system (buyer and seller)',
    agenda: {
      title: 'Point-of-sale system for a boutique',
      parties: ['buyer', 'seller'],
      issues: [
        { id: 'price', label: 'Price', unit: 'USD', range: { min: 4800, max: 5600, step: 100 } },
        { id: 'support', label: 'After-sales support', options: ['none', '6 months', '1 year'] },
        { id: 'training', label: 'Staff training', options: ['not included', 'included'] },
        { id: 'payment', label: 'Payment plan', options: ['upfront', '3 instalments over 6 months'] },
      ],
    },
  },
  {
    id: 'orange',
    name: 'One orange, two sisters',
    agenda: {
      title: 'One orange, two sisters',
      parties: ['anna', 'beth'],
      issues: [
        { id: 'juice', label: 'Who gets the juice', options: ['anna', 'half each', 'beth'] },
        { id: 'peel', label: 'Who gets the peel', options: ['anna', 'half each', 'beth'] },
      ],
    },
  },
  {
    id: 'hiring',
    name: 'Hiring offer (candidate and employer)',
    agenda: {
      title: 'Job offer: senior engineer',
      parties: ['candidate', 'employer'],
      issues: [
        { id: 'salary', label: 'Base salary', unit: 'EUR', range: { min: 70000, max: 90000, step: 2500 } },
        { id: 'start', label: 'Start date', options: ['in 2 weeks', 'in 1 month', 'in 3 months'] },
        { id: 'remote', label: 'Remote days per week', range: { min: 0, max: 5, step: 1 } },
        { id: 'bonus', label: 'Signing bonus', options: ['none', '5000 EUR', '10000 EUR'] },
        { id: 'vacation', label: 'Vacation days', range: { min: 25, max: 30, step: 1 } },
      ],
    },
  },
];

export function blankAgenda() {
  return {
    title: '',
    parties: ['party-a', 'party-b'],
    issues: [{ id: 'issue-1', label: 'First issue', options: ['option 1', 'option 2'] }],
  };
}
