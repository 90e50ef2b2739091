"""The per-document work on a Dask cluster (`kg build --scheduler ADDRESS`, or KG_SCHEDULER).

    runner.py   the client: connects, sends documents out in bounded batches, yields results
    worker.py   what runs on the workers: the pipeline, loaded once per worker by a plugin

Only the per-document step runs on the cluster; the store, the cross-document step and the
output files stay with the client (kg/api.py), so the output is that of a local build.
"""
