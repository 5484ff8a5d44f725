"""Account statements (see spec.md)."""
from .money import format_cents


def _amount(transfer, account):
    if transfer.source == transfer.target:
        return 0
    if transfer.target == account:
        return transfer.cents
    if transfer.source == account:
        return -transfer.cents
    return 0


def statement(book, account, start, end):
    book.check_account(account)
    if end < start:
        raise ValueError("end before start")
    opening = sum(_amount(t, account) for t in book.transfers if t.day < start)
    balance = opening
    lines = []
    for transfer in sorted((t for t in book.transfers if start <= t.day <= end), key=lambda t: t.day):
        amount = _amount(transfer, account)
        if amount == 0:
            continue
        balance += amount
        lines.append({"day": transfer.day.isoformat(), "memo": transfer.memo, "amount": amount, "balance": balance})
    text = "\n".join(f"{line['day']}  {line['memo']}  {format_cents(line['amount'])}  {format_cents(line['balance'])}" for line in lines)
    return {"opening": opening, "lines": lines, "closing": balance, "text": text}
