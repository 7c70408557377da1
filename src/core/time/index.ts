/** Reading times from click exports: one value, or a whole column with one day/month order and resolution. */
export { finishTimes, readTimes, TimeBatches, TimeCellReader, type TimeBatch, type TimeColumn, type TimeReading } from './column';
export { parseTime, looksLikeTime } from './value';
export { isValidTimeZone } from './zone';
export { formatTime } from './format';
export { windowMs } from './window';
