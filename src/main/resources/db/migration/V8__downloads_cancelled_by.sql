-- Why a download was cancelled. 'user': the user's cancel action; they refused that release, so it
-- is never picked again for the download's episodes. 'switch_off': every episode of it was switched
-- off; switched on again, an episode may take the same release (else it would wait 'pending' for
-- ever when that release is its only one). Null for a download that is not cancelled.
ALTER TABLE downloads ADD COLUMN cancelled_by text;

-- Downloads cancelled before this column: the user's cancel wrote this reason, a switch-off another.
UPDATE downloads
   SET cancelled_by = CASE WHEN error LIKE 'cancelled by the user%' THEN 'user' ELSE 'switch_off' END
 WHERE status = 'cancelled';

ALTER TABLE downloads ADD CONSTRAINT downloads_cancelled_by_check CHECK (
    (status = 'cancelled' AND cancelled_by IN ('user', 'switch_off'))
    OR (status <> 'cancelled' AND cancelled_by IS NULL));
