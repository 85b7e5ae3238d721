/** Pure data shaping for the statistics screen (like Anki's ts/graphs/*.ts). */
export { bucketDays, type DayRange } from './day-buckets';
export { CARD_STATES, cardCounts, type CardStateName } from './card-counts';
export { futureDue, type DueBucket } from './future-due';
export { MATURE_DAYS, type StatsCard, type StatsReview } from './inputs';
export { reviewCalendar, type CalendarCell, type ReviewCalendar } from './review-calendar';
export { streaks, type Streaks } from './streak';
export { timeSpent, type DayTime, type TimeSpent } from './time-spent';
export { ratio, trueRetention, type PassRate, type RetentionPeriod } from './true-retention';
