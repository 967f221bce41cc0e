import { Anchor, createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core'

/**
 * Keeps Mantine's pale shades (0 to 5, backgrounds and borders) and swaps
 * the darker ones (6 to 9, used for text) for colours that reach 4.5:1 on
 * white and on the pale shades.
 */
function withDarkShades(
  base: MantineColorsTuple,
  dark: [string, string, string, string]
): MantineColorsTuple {
  return [...base.slice(0, 6), ...dark] as unknown as MantineColorsTuple
}

/**
 * Colours of the French State's design system (bleu France #000091), with
 * contrast ratios that pass RGAA (WCAG 2.1 AA, 4.5:1 for text) on white:
 * - gray 6 is Mantine's "dimmed" text: #666666 (5.7:1) instead of #868e96 (3.3:1);
 * - red 6 is the error text of the fields: #ce0500 (5.8:1) instead of #fa5252 (3.3:1);
 * - green and teal carry the success messages.
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
    'gray': withDarkShades(DEFAULT_THEME.colors.gray, ['#666666', '#495057', '#343a40', '#212529']),
    'red': withDarkShades(DEFAULT_THEME.colors.red, ['#ce0500', '#b60400', '#9e0300', '#7f0200']),
    'green': withDarkShades(DEFAULT_THEME.colors.green, [
      '#18753c',
      '#146633',
      '#10582b',
      '#0b4a23',
    ]),
    'teal': withDarkShades(DEFAULT_THEME.colors.teal, ['#0e7a5a', '#0e6b4f', '#0b5c44', '#084a37']),
  },
  primaryShade: 7,
  fontFamily: 'Marianne, Arial, sans-serif',
  defaultRadius: 'sm',
  components: {
    /** Links are told apart from text by more than their colour (RGAA 10.6) */
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
})
