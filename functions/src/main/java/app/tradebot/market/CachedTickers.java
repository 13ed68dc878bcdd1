package app.tradebot.market;

import com.redis.om.spring.repository.RedisEnhancedRepository;

/** redis-om's enhanced repository of {@link CachedTicker}: save and findById only (Redis needs no modules for them). */
interface CachedTickers extends RedisEnhancedRepository<CachedTicker, String> {
}
