"""Telegram Update ⇄ core events."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.core.events import Button, Incoming, Sender

_MEDIA = (
    "sticker",
    "photo",
    "voice",
    "video",
    "video_note",
    "audio",
    "document",
    "location",
    "contact",
    "animation",
    "venue",
    "poll",
    "dice",
    "game",
)


def to_incoming(update: Update) -> Incoming | None:
    """The core event for an update, or None for updates the bot ignores (edits, channels...)."""
    if (query := update.callback_query) is not None:
        user = query.from_user
        chat_id = query.message.chat.id if query.message else user.id
        chat_type = query.message.chat.type if query.message else "private"
        return Incoming(
            sender=Sender(user.id, user.first_name or "", user.language_code),
            chat_id=chat_id,
            chat_type=chat_type,
            kind="button",
            data=query.data or "",
            message_id=query.message.message_id if query.message else None,
            update_id=update.update_id,
        )
    msg: Message | None = update.message
    if msg is None or msg.from_user is None:
        return None
    user = msg.from_user
    photo = msg.photo[-1].file_id if msg.photo else ""  # the largest size comes last
    base = dict(
        sender=Sender(user.id, user.first_name or "", user.language_code),
        chat_id=msg.chat.id,
        chat_type=msg.chat.type,
        message_id=msg.message_id,
        reply_to_message_id=msg.reply_to_message.message_id if msg.reply_to_message else None,
        reply_to_text=(msg.reply_to_message.text or msg.reply_to_message.caption or "")
        if msg.reply_to_message
        else "",
        update_id=update.update_id,
        photo=photo,
    )
    text = msg.text or ""
    if text.startswith("/"):
        head, _, rest = text[1:].partition(" ")
        command = head.split("@", 1)[0]
        return Incoming(kind="command", command=command, text=rest.strip(), **base)
    if text:
        return Incoming(kind="text", text=text, **base)
    if msg.caption:
        return Incoming(kind="text", text=msg.caption, media=_media_kind(msg), **base)
    return Incoming(kind="unsupported", media=_media_kind(msg), **base)


def _media_kind(msg: Message) -> str:
    return next((name for name in _MEDIA if getattr(msg, name, None)), "other")


def to_markup(buttons: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.data)
                for b in row
            ]
            for row in buttons
        ]
    )
