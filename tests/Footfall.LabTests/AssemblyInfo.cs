// Labs are cheap to isolate but not to run side by side on two cores: a busy CPU while 200
// namespaces are being made would turn sweep timing into flakiness. One test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
