// The platform's single home for identifier logic: parse, validate, key, mask, detect.
// Everything here is pure except loadBinTable, which reads third-party BIN data at runtime.

export {
  normalizePhone,
  phoneKey,
  type PhoneResult,
  type PhoneOk,
  type PhoneError,
  type PhoneKind,
  type ServiceType,
  type PhoneRejectReason,
} from './phone.ts';
export {
  parseResidentId,
  upgradeTo18,
  residentIdCheckChar,
  provinceName,
  type ResidentIdResult,
  type ResidentIdOk,
  type ResidentIdError,
  type ResidentIdRejectReason,
  type ResidentIdOptions,
  type Sex,
} from './resident-id.ts';
export {
  parseBankAccount,
  luhnValid,
  loadBinTable,
  setDefaultBinTable,
  builtinBinTable,
  BinTable,
  type BankAccountResult,
  type BankAccountOk,
  type BankAccountError,
  type BankAccountRejectReason,
  type BankInfo,
  type CardType,
} from './bank-card.ts';
export {
  parseCreditCode,
  creditCodeCheckChar,
  type CreditCodeResult,
  type CreditCodeOk,
  type CreditCodeError,
  type CreditCodeRejectReason,
} from './credit-code.ts';
export { parseUrl, type UrlResult, type UrlOk, type UrlError, type UrlRejectReason } from './url.ts';
export {
  parseAppPackage,
  isSha256Hex,
  normalizeSha256,
  type AppPackageResult,
  type AppPackageOk,
  type AppPackageError,
  type AppPackageRejectReason,
  type AppPlatform,
} from './app-package.ts';
export { residentIdKey, accountKey, ipKey, subjectKey, subjectKeyList } from './keys.ts';
export { maskPhone, maskResidentId, maskAccount, maskName, maskAddress, FULL_MASK } from './mask.ts';
export { detectIdentifier, type Detected, type IdentifierType } from './detect.ts';
export { hasUnstorableText, findUnstorableText, UNSTORABLE_REASON } from '../../platform/text/unstorable.ts';
export { keyIdentifier, isIdentifierKind, IDENTIFIER_KINDS, type IdentifierKind, type KeyedIdentifier } from './any.ts';
