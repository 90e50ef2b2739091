"""The parts of the offline HTML graph: the claims read into a small model, a layout computed
ahead in numpy, and the page put together from static files shipped beside this module."""
