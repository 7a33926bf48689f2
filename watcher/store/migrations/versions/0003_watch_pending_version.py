"""watches.pending_fingerprint, watches.pending_body: the pending version kept, so its confirmation is not rebuilt

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 08:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('watches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_fingerprint', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('pending_body', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('watches', schema=None) as batch_op:
        batch_op.drop_column('pending_body')
        batch_op.drop_column('pending_fingerprint')
