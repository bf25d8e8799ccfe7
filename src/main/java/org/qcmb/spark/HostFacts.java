package org.qcmb.spark;

import java.io.Serializable;
import java.net.InetAddress;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/** What a machine is, from OSHI: recorded for the driver and for every executor of a run. */
public record HostFacts(
        String role,
        String executorId,
        String hostname,
        String cpuModel,
        int physicalCores,
        int logicalCores,
        long memoryBytes,
        String os,
        String jvm,
        int jvmProcessors,
        long jvmMaxHeapBytes) implements Serializable {

    /** Facts of the machine this JVM runs on. */
    public static HostFacts here(String role, String executorId) {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hw = si.getHardware();
        CentralProcessor cpu = hw.getProcessor();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        return new HostFacts(role, executorId, host, cpu.getProcessorIdentifier().getName().strip(),
                cpu.getPhysicalProcessorCount(), cpu.getLogicalProcessorCount(), hw.getMemory().getTotal(),
                si.getOperatingSystem().toString(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
    }

    /** Resident set size of this JVM process in bytes, or -1 where the OS does not say. */
    public static long residentBytes() {
        java.nio.file.Path statm = java.nio.file.Path.of("/proc/self/statm");
        if (java.nio.file.Files.isReadable(statm)) { // Linux: cheap enough to call after every task
            try {
                String[] f = java.nio.file.Files.readString(statm).trim().split("\\s+");
                return Long.parseLong(f[1]) * 4096L;
            } catch (java.io.IOException | RuntimeException e) {
                // fall through to OSHI
            }
        }
        var os = new SystemInfo().getOperatingSystem();
        var p = os.getProcess(os.getProcessId());
        return p == null ? -1 : p.getResidentMemory();
    }
}
