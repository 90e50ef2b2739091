"""The graph outside this process: SPARQL 1.1 stores and the Oxigraph server.

    client.py   HTTP requests, with HTTP Basic or Digest authentication as the store asks
    sparql.py   kg query --endpoint: the SPARQL 1.1 protocol, results as a local Table
    graphs.py   the built graph one named graph at a time (N-Quads, as `kg export` writes it)
    shards.py   kg export --format nq --shards DIR: gzip-compressed N-Quads for bulk loaders
    load.py     kg load: the Graph Store HTTP Protocol, incremental by graph digest
    serve.py    kg serve: the built store behind `oxigraph serve-read-only`

Only the standard protocols are spoken (SPARQL 1.1 Query, Update and the Graph Store HTTP
Protocol), so that any conforming store works, not only the one the tests start.
"""
