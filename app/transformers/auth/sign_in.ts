/**
 * A1 « Connexion » (inertia/pages/auth/sign_in.tsx): empty at first; after
 * a refusal, the identifiant typed and one message under it.
 */
export type SignInPageProps = {
  login?: string
  errors?: { login: string }
}

export function signInPageProps(): SignInPageProps {
  return {}
}

export function refusedSignInProps(login: string, message: string): SignInPageProps {
  return { login, errors: { login: message } }
}
