"""seen_items.digest: the bytes an item was read from, digested, so that a feed's known entries are not parsed again

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('seen_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('seen_items', schema=None) as batch_op:
        batch_op.drop_column('digest')
