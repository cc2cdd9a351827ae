package negotiation;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * How a node joins a Vert.x cluster through Hazelcast: on {@code host}, Hazelcast's port, and
 * the members to contact over TCP (no multicast). Live events published on one node then
 * reach the sockets of that room on every node.
 */
public record Cluster(String host, int port, List<String> members) {
    public static final String NAME = "negotiation-rooms";

    HazelcastClusterManager manager() {
        // Vert.x's defaults (its maps and locks) first, then our network: TCP members on one interface.
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(NAME);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(host + ":" + port) : members);
        return new HazelcastClusterManager(config);
    }
}
