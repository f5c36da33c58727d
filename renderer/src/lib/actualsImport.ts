/** The actuals import's rules live in the pure core (models/actuals-import.ts), shared with the API's 'actuals:import'. */
export * from '../../../models/actuals-import';
