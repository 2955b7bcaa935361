-- Every read of the run ledger (the status route, the runs list) first asks whether a run is marked
-- running, to settle one a dead process left (docs/reliability.md). Almost always none is: this index
-- holds only running runs, so the question costs a probe of an empty index, not a read of the ledger.
CREATE INDEX sync_runs_running_idx ON sync_runs (id) WHERE status = 'running';
