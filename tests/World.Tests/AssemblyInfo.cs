// One torch-heavy test at a time: two at once on 2 cores run many times slower.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
