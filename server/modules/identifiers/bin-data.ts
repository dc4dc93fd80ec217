// Hand-written BIN prefixes of the largest Chinese issuers: widely published, stable for decades, and enough to
// name the bank on most cards seen in fraud cases. Codes follow the usual bank abbreviations so a table loaded
// at runtime (see loadBinTable) merges cleanly. Deliberately short: only prefixes we are sure of.
// Format: [bin, bank code, card length, 'DC' debit | 'CC' credit].

export const BUILTIN_BANK_NAMES: Readonly<Record<string, string>> = {
  ICBC: '中国工商银行',
  ABC: '中国农业银行',
  BOC: '中国银行',
  CCB: '中国建设银行',
  COMM: '交通银行',
  CMB: '招商银行',
  PSBC: '中国邮政储蓄银行',
  CIB: '兴业银行',
  SPDB: '上海浦东发展银行',
  CITIC: '中信银行',
  CEB: '中国光大银行',
  CMBC: '中国民生银行',
  SPABANK: '平安银行',
  GDB: '广发银行', // renamed from 广东发展银行 in 2011
  HXBANK: '华夏银行',
};

export const BUILTIN_BINS: ReadonlyArray<readonly [string, string, number, 'DC' | 'CC']> = [
  ['622202', 'ICBC', 19, 'DC'], ['622208', 'ICBC', 19, 'DC'], ['621226', 'ICBC', 19, 'DC'], ['621225', 'ICBC', 19, 'DC'],
  ['9558', 'ICBC', 19, 'DC'],
  ['622848', 'ABC', 19, 'DC'], ['622845', 'ABC', 19, 'DC'], ['95599', 'ABC', 19, 'DC'], ['103', 'ABC', 19, 'DC'],
  ['621661', 'BOC', 19, 'DC'], ['621663', 'BOC', 19, 'DC'], ['621785', 'BOC', 19, 'DC'], ['601382', 'BOC', 19, 'DC'],
  ['456351', 'BOC', 19, 'DC'],
  ['621700', 'CCB', 19, 'DC'], ['436742', 'CCB', 19, 'DC'], ['622700', 'CCB', 19, 'DC'], ['622280', 'CCB', 19, 'DC'],
  ['622260', 'COMM', 19, 'DC'], ['622262', 'COMM', 19, 'DC'], ['405512', 'COMM', 17, 'DC'],
  ['622588', 'CMB', 16, 'DC'], ['621483', 'CMB', 16, 'DC'], ['622609', 'CMB', 16, 'DC'], ['622575', 'CMB', 16, 'CC'],
  ['621799', 'PSBC', 19, 'DC'], ['622188', 'PSBC', 19, 'DC'], ['622150', 'PSBC', 19, 'DC'], ['621098', 'PSBC', 19, 'DC'],
  ['622908', 'CIB', 18, 'DC'], ['622909', 'CIB', 18, 'DC'],
  ['622521', 'SPDB', 16, 'DC'], ['622518', 'SPDB', 16, 'DC'],
  ['622690', 'CITIC', 16, 'DC'],
  ['622660', 'CEB', 16, 'DC'],
  ['622622', 'CMBC', 16, 'DC'], ['415599', 'CMBC', 16, 'DC'],
  ['622298', 'SPABANK', 16, 'DC'], ['622155', 'SPABANK', 16, 'CC'],
  ['622568', 'GDB', 19, 'DC'],
  ['622630', 'HXBANK', 16, 'DC'], ['622631', 'HXBANK', 16, 'DC'],
];
