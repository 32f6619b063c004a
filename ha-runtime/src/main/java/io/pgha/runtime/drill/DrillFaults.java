package io.pgha.runtime.drill;

/** The fault of each scenario. */
final class DrillFaults {

    private DrillFaults() {}

    static DrillFault of(DrillScenario scenario) {
        return switch (scenario) {
            case KILL_PRIMARY -> new KillPrimaryFault();
            case STOP_PRIMARY -> new StopPrimaryFault();
            case CRASH_POSTGRES -> new CrashPostgresFault();
            case PARTITION_PRIMARY -> new PartitionPrimaryFault();
            case FREEZE_PRIMARY -> new FreezePrimaryFault();
            case ETCD_MINORITY -> new EtcdMinorityFault();
            case ETCD_QUORUM_LOSS -> new EtcdQuorumLossFault();
            case SWITCHOVER -> new SwitchoverFault();
            case KILL_ROUTER -> new KillRouterFault();
            case KILL_DURING_SWITCHOVER -> new KillDuringSwitchoverFault();
            case DOUBLE_FAILOVER -> new DoubleFailoverFault();
            case ETCD_LEADER_DURING_FAILOVER -> new EtcdLeaderDuringFailoverFault();
            case LOSSY_PRIMARY -> new LossyPrimaryFault();
            case SLOW_PRIMARY -> new SlowPrimaryFault();
            case ASYMMETRIC_PARTITION -> new AsymmetricPartitionFault();
            case SUPERVISOR_KILLED_MID_FAILOVER -> new SupervisorKilledMidFailoverFault();
            case DISK_WRITES_REFUSED -> new DiskWritesRefusedFault();
        };
    }
}
