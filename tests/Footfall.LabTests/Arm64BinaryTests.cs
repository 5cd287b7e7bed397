using System.Buffers.Binary;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// The Pi's linux-arm64 binary, run here through qemu-user (scripts/test mounts binfmt_misc and
/// registers qemu-aarch64): the same commands as on the Pi, each compared with what the x64 binary
/// does. Its sweeps are run where the whole Pi is emulated (the rpi image test), see below.
/// </summary>
public sealed class Arm64BinaryTests : IDisposable
{
    private const ushort ElfMachineAarch64 = 183;   // EM_AARCH64 in elf.h

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("footfall-arm64-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheBinaryIsAnArm64Executable()
    {
        // Guards the other tests: were this an x64 binary, they would pass without qemu-user.
        byte[] header = File.ReadAllBytes(Repo.FootfallArm64).AsSpan(0, 20).ToArray();
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(2, header[4]); // ELFCLASS64
        Assert.Equal(ElfMachineAarch64, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18)));
    }

    [Fact]
    public void VersionMatchesTheX64Build()
    {
        RunResult arm = Run.Program(Repo.FootfallArm64, "--version");
        RunResult x64 = Run.Program(Repo.Footfall, "--version");
        Assert.Equal(0, arm.ExitCode);
        Assert.Matches(@"^footfall \d+\.\d+\.\d+ \(commit [0-9a-f]{7,}\)$", arm.StdoutLines.Single());
        Assert.Equal(x64.Stdout, arm.Stdout);
    }

    [Fact]
    public void CheckConfigAcceptsTheExample()
    {
        string example = Path.Combine(Repo.Root, "config", "footfall.example.json");
        RunResult arm = Run.Program(Repo.FootfallArm64, "check-config", example);
        Assert.Equal(0, arm.ExitCode);
        Assert.Equal("", arm.Stderr);
        Assert.Equal(Run.Program(Repo.Footfall, "check-config", example).Stdout, arm.Stdout);
    }

    [Fact]
    public void CheckConfigListsEveryProblemOfABadFile()
    {
        string bad = Path.Combine(_folder.FullName, "bad.json");
        File.WriteAllText(bad, """
            {
              "site": { "timeZone": "Mars/Olympus_Mons" },
              "network": { "sweepInterval": "forever" },
              "people": [ { "name": "Mallory", "devices": ["not-a-mac"], "led": 999 } ]
            }
            """);
        RunResult arm = Run.Program(Repo.FootfallArm64, "check-config", bad);
        Assert.Equal(2, arm.ExitCode);
        Assert.Equal("", arm.Stdout);
        Assert.Equal(4, arm.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(Run.Program(Repo.Footfall, "check-config", bad).Stderr, arm.Stderr);
    }

    [Fact]
    public void ASweepUnderQemuUserEndsWithLibpcapsReasonNotACrash()
    {
        // The sweep's packets go through libpcap, which needs the packet socket options (SOL_PACKET:
        // PACKET_RX_RING and friends) and the ethtool ioctl that qemu-user does not emulate. So a real
        // arm64 sweep is proven where the whole Pi is emulated (scripts/image-test --target rpi, check 2);
        // here the binary must say why it cannot capture, and exit 1 as for any runtime failure.
        using Lab lab = Lab.Up("arm64", "10.64.0.0/24", 3);
        RunResult sweep = Run.Program("ip", "netns", "exec", lab.AppNamespace, Repo.FootfallArm64, "sweep", "-i", "lab0", "10.64.0.0/24");
        Assert.Equal(1, sweep.ExitCode);
        Assert.Equal("", sweep.Stdout);
        Assert.StartsWith("footfall: Could not ", sweep.Stderr);
        Assert.Contains("'lab0'", sweep.Stderr);
        Assert.DoesNotContain("Unhandled exception", sweep.Stderr);
    }
}
