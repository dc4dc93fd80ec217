export {
  FRAUD_TYPES,
  CATALOGUE_VERSION,
  applyCatalogue,
  catalogueVersion,
  fraudType,
  fraudTypeRef,
  fraudTypes,
  type FraudType,
} from './catalogue.ts';
export { SCRIPT_PHRASES, PARCEL_PHRASES, ALERT_TYPE_PHRASES } from './scripts.ts';
export {
  LABELS as SCRIPT_LABELS,
  NORMAL,
  classifier as scriptClassifier,
  crossValidate,
  decisionLabel,
  evaluateOn,
  features as scriptFeatures,
  train as trainScriptModel,
  type Classifier as ScriptClassifier,
  type EvaluationResult as ClassifierEvaluation,
  type LabelledText,
  type ScriptModel,
  type TextClassification,
  type TypeProbability,
} from './classifier.ts';
export { activeClassifier, activeModelGeneration, readCorpus, setActiveModel, trainWith } from './corpus.ts';
import { activeClassifier } from './corpus.ts';
import type { TextClassification } from './classifier.ts';

/** Script recognition for any text (SMS, citizen report, case narrative, parcel note, alert note): probability
 * per catalogue type and "normal", and the words that drove the top type. Uses the published model. */
export function classifyText(text: string): TextClassification {
  return activeClassifier().classify(text);
}
export {
  addScriptLabel,
  classifyForActor,
  draftScriptModel,
  loadPublishedModel,
  proposeLabels as proposeScriptLabels,
  type ProposalSource as ScriptLabelSource,
  publishScriptModel,
  scriptModelInfo,
  syncPublishedModel,
} from './service.ts';
export { fraudTypeRoutes } from './routes.ts';
