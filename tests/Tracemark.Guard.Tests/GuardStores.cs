using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Synthetic.Owners;
using Tracemark.Tests;

namespace Tracemark.Guard.Tests;

/// <summary>The small insider world and the store on either backend that the replay, follow and webhook tests share.</summary>
internal static class GuardStores
{
    // Six weeks of four outlets: every episode kind appears and a test run stays within seconds.
    public static readonly InsiderOptions Small = new() { Days = 42, Outlets = 4, EmployeesPerOutlet = 8, RoutesPerOutlet = 4, CustomersPerRoute = 100, ServiceAgents = 2, ApiClients = 2, NightlyExport = 500 };

    public static KnownLeakStore Open(PostgresServer server, string backend, TempDir dir) => KnownLeakStore.Open(backend == "sqlite"
        ? new StoreLocation(dir.File("s.db"), dir.File("s.key"))
        : new StoreLocation(server.NewDatabase(), dir.File("pg.key")), create: true);
}
