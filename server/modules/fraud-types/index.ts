export { FRAUD_TYPES, CATALOGUE_VERSION, fraudType, fraudTypeRef, type FraudType } from './catalogue.ts';
export { SCRIPT_PHRASES, PARCEL_PHRASES, ALERT_TYPE_PHRASES } from './scripts.ts';
