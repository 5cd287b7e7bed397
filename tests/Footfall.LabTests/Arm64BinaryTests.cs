using System.Buffers.Binary;
using Footfall.LabTests.Support;

namespace Footfall.LabTests;

/// <summary>
/// The Pi's linux-arm64 binary, run here through qemu-user (scripts/test mounts binfmt_misc and
/// registers qemu-aarch64). The same commands as on the Pi, down to the raw-socket syscalls of a
/// real sweep, each compared with what the x64 binary does.
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
    public void ASweepFindsExactlyTheOfficesDevices()
    {
        using Lab lab = Lab.Up("arm64", "10.64.0.0/24", 12);
        lab.Do("leave", "d4");
        RunResult sweep = Run.Program("ip", "netns", "exec", lab.AppNamespace, Repo.FootfallArm64, "sweep", "-i", "lab0", "10.64.0.0/24");
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        Assert.Equal(
            lab.Devices.Where(d => d.Name != "d4").Select(d => $"{d.Ip}\t{d.Mac}").Order(StringComparer.Ordinal),
            sweep.StdoutLines.Order(StringComparer.Ordinal));
        Assert.Contains("11 of 253 addresses answered on lab0", sweep.Stderr);
    }
}
