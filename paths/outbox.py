"""Delivery of the e-mail outbox: `flask paths send-outbox`, run by cron or a timer, sends what waits.

Settings: TERREAU_SMTP_HOST (none: nothing is sent, the mails wait), TERREAU_SMTP_PORT (587),
TERREAU_SMTP_USER / TERREAU_SMTP_PASSWORD (optional, STARTTLS when set), TERREAU_MAIL_FROM.
"""

from __future__ import annotations

import os
import smtplib
from email.message import EmailMessage

import sqlalchemy as sa

from app.db import db, utcnow
from paths.models import OutboxEmail

MAX_ATTEMPTS = 5


def send_outbox(limit: int = 500) -> tuple[int, int]:
    """Send up to `limit` waiting e-mails; (sent, failed). Each one is marked as soon as it is sent."""
    host = os.environ.get("TERREAU_SMTP_HOST")
    if not host:
        return 0, 0
    sender = os.environ.get("TERREAU_MAIL_FROM", "terreau@localhost")
    waiting = list(db.session.scalars(sa.select(OutboxEmail).where(
        OutboxEmail.sent_dt.is_(None), OutboxEmail.attempts < MAX_ATTEMPTS).order_by(OutboxEmail.id).limit(limit)))
    sent = failed = 0
    with smtplib.SMTP(host, int(os.environ.get("TERREAU_SMTP_PORT", "587")), timeout=30) as smtp:
        if os.environ.get("TERREAU_SMTP_USER"):
            smtp.starttls()
            smtp.login(os.environ["TERREAU_SMTP_USER"], os.environ.get("TERREAU_SMTP_PASSWORD", ""))
        for mail in waiting:
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = sender, mail.to_email, mail.subject
            message.set_content(mail.body)
            mail.attempts += 1
            try:
                smtp.send_message(message)
                mail.sent_dt = utcnow()
                sent += 1
            except smtplib.SMTPException as exc:
                mail.last_error = str(exc)[:500]
                failed += 1
            db.session.commit()
    return sent, failed
