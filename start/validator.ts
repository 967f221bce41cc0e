/*
|--------------------------------------------------------------------------
| VineJS in French
|--------------------------------------------------------------------------
|
| Every validator answers in French by default; a validator passes field
| labels with `messagesProvider` where the field name alone would not read
| well in a sentence.
|
*/
import vine from '@vinejs/vine'
import { frenchMessages } from '#workflow/french_messages'

vine.messagesProvider = frenchMessages()
