import type { TFunction } from 'i18next';

/** The words under antd Rate's five stars, from 很差 to 很好. */
export function ratingLabels(t: TFunction): string[] {
  return [
    t('walk.ratingLabels.one'),
    t('walk.ratingLabels.two'),
    t('walk.ratingLabels.three'),
    t('walk.ratingLabels.four'),
    t('walk.ratingLabels.five'),
  ];
}
