export { SetupScreen } from './SetupScreen';
export { SignInScreen } from './SignInScreen';
export { ChangePasswordDialog } from './ChangePasswordDialog';
export { useIdleSignOut } from './use-idle-sign-out';
export { NewPasswordFields } from './NewPasswordFields';
export { PasswordStrength } from './PasswordStrength';
export { confirmPasswordRules, newPasswordRules } from './password-rules';
export { AuthCard } from './AuthCard';
