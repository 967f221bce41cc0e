import type { ReactNode } from 'react'
import { Table } from '@mantine/core'

/**
 * A table that scrolls sideways on a narrow screen (360 px): the scrolling
 * region takes the keyboard focus, so the columns out of view can be reached
 * with the arrow keys (RGAA 7.3, axe "scrollable-region-focusable"), and it
 * is named for screen readers.
 */
export default function ScrollableTable({
  label,
  minWidth,
  children,
}: {
  label: string
  minWidth: number
  children: ReactNode
}) {
  return (
    <Table.ScrollContainer
      type="native"
      minWidth={minWidth}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </Table.ScrollContainer>
  )
}
