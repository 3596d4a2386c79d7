import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkPassword } from './password-strength';

const steps = { weak: 1, fair: 2, strong: 3 } as const;
const colours = { weak: '#ff4d4f', fair: '#faad14', strong: '#52c41a' } as const;

/** Live hint under a new-password field: the rule, and how the typed password measures up. */
export function PasswordStrength({ password }: { password: string }) {
  const { t } = useTranslation();
  const check = checkPassword(password);
  return (
    <div className="password-strength" aria-live="polite">
      {password ? (
        <div className="password-strength-meter">
          <Progress
            steps={3}
            percent={(steps[check.level] / 3) * 100}
            showInfo={false}
            strokeColor={colours[check.level]}
            size="small"
          />
          <Typography.Text type="secondary">
            {t('password.strength', { level: t(`password.levels.${check.level}`) })}
          </Typography.Text>
        </div>
      ) : null}
      <Typography.Text type="secondary">{t('password.rule')}</Typography.Text>
    </div>
  );
}
