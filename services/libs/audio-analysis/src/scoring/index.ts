export { type Feedback, type FeedbackCode, type ScoringOptions, scoreTake, type Take, type TakeDetails, type TakeScore } from './score-take';
