import { createTheme } from '@mantine/core'

/**
 * Colours of the French State's design system (bleu France #000091), with
 * contrast ratios that pass RGAA on white.
 */
export const theme = createTheme({
  primaryColor: 'blue-france',
  colors: {
    'blue-france': [
      '#ececfe',
      '#cacafb',
      '#a1a1f8',
      '#8585f6',
      '#6a6af4',
      '#4a4af0',
      '#2323ff',
      '#000091',
      '#00006d',
      '#00004a',
    ],
  },
  primaryShade: 7,
  fontFamily: 'Marianne, Arial, sans-serif',
  defaultRadius: 'sm',
})
