package io.autoanime.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap a phase really needs: the largest heap still in use right after a garbage collection
 * (garbage not yet collected does not count).
 */
final class HeapWatch {
  private static final AtomicLong peakLive = new AtomicLong();

  static {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
            peakLive.accumulateAndGet(used, Math::max);
          }
        }, null, null);
      }
    }
  }

  private HeapWatch() {}

  static void reset() {
    peakLive.set(0);
  }

  static long peakLiveBytes() {
    return peakLive.get();
  }
}
