// Starts one OpenSearch node in this JVM and keeps it running until the process is
// stopped. Usage: java -cp CLASSPATH StartOpenSearch.java DATA_DIR HTTP_PORT TRANSPORT_PORT
import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import org.codelibs.opensearch.runner.OpenSearchRunner;

public class StartOpenSearch {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StartOpenSearch DATA_DIR HTTP_PORT TRANSPORT_PORT");
            System.exit(2);
        }
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", args[1]);
            settings.put("transport.port", args[2]);
            settings.put("discovery.type", "single-node");
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        }).build(newConfigs().basePath(args[0]).numOfNode(1).clusterName("helpcenter-test"));
        runner.ensureYellow();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
                runner.clean();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }));
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
