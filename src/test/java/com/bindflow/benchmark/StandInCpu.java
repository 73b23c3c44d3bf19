package com.bindflow.benchmark;

import com.bindflow.sandbox.credit.SandboxJdFinanceAccounts;
import com.bindflow.sandbox.identity.SandboxIdentityVerification;
import com.bindflow.sandbox.verification.SandboxFaceRecognition;
import com.bindflow.sandbox.verification.SandboxSmsGateway;
import com.bindflow.sandbox.wechat.SandboxWeChatPay;
import com.bindflow.sandbox.wechat.SandboxWeChatWallets;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * The CPU the sandbox's stand-ins for the outside systems use in the application's JVM: in production that work is
 * WeChat Pay's, the SMS gateway's, the face and identity providers' and JD Finance's, on their side of the network,
 * not bindflow's. Counted, as thread CPU time: every call of a stand-in port adapter ({@link #STAND_INS}, from the
 * jobs that call them), every request to a {@code /sandbox/} address but the floor's (the SMS the customer reads,
 * the approval on WeChat's page), from (about) the first filter on, and the sandbox WeChat's notifier threads (it
 * signs and encrypts each notification and sends it). Not counted (so the stand-ins' share is if anything too small):
 * Tomcat's work before the filter on those requests, the customers' HTTP client on their side, the notifier's HTTP
 * client's own I/O thread, and the sandbox WeChat's redelivery on the scheduler's thread. A call made while another
 * is counted on the same thread is not counted twice.
 */
final class StandInCpu {

    static final Set<Class<?>> STAND_INS = Set.of(SandboxWeChatPay.class, SandboxWeChatWallets.class,
            SandboxSmsGateway.class, SandboxFaceRecognition.class, SandboxIdentityVerification.class,
            SandboxJdFinanceAccounts.class);
    private static final String NOTIFIER_THREADS = "sandbox-wechat-notify-";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** How deep the current thread is in counted work: only the outermost counts. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final LongAdder nanos = new LongAdder();

    ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        if (!THREADS.isCurrentThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
            throw new IllegalStateException("this JVM does not measure threads' CPU time (the stand-ins' share)");
        }
        return context -> {
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!STAND_INS.contains(ClassUtils.getUserClass(bean))) {
                        return bean;
                    }
                    ProxyFactory proxy = new ProxyFactory(bean);
                    proxy.setProxyTargetClass(true);   // some inject the stand-in by its class
                    proxy.addAdvice((MethodInterceptor) invocation -> counted(invocation::proceed));
                    return proxy.getProxy(bean.getClass().getClassLoader());
                }
            });
            ((GenericApplicationContext) context).registerBean("standInCpuFilter", FilterRegistrationBean.class, () -> {
                Filter filter = (request, response, chain) -> {
                    String path = ((HttpServletRequest) request).getServletPath();   // without a context path
                    if (path.startsWith("/sandbox/") && !path.startsWith("/sandbox/floor/")) {
                        try {
                            counted(() -> {
                                chain.doFilter(request, response);
                                return null;
                            });
                        } catch (java.io.IOException | jakarta.servlet.ServletException | RuntimeException | Error e) {
                            throw e;
                        } catch (Throwable e) {
                            throw new IllegalStateException(e);
                        }
                    } else {
                        chain.doFilter(request, response);
                    }
                };
                FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
                registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
                return registration;
            });
        };
    }

    /** The stand-ins' CPU so far: counted calls and requests, and the notifier threads'. */
    long nanos() {
        long[] ids = THREADS.getAllThreadIds();
        long notifier = Arrays.stream(THREADS.getThreadInfo(ids)).filter(Objects::nonNull)
                .filter(t -> t.getThreadName().startsWith(NOTIFIER_THREADS)).mapToLong(ThreadInfo::getThreadId)
                .map(THREADS::getThreadCpuTime).filter(n -> n > 0).sum();
        return nanos.sum() + notifier;
    }

    private interface Work {
        Object run() throws Throwable;
    }

    private Object counted(Work work) throws Throwable {
        int[] depth = DEPTH.get();
        if (depth[0]++ > 0) {
            try {
                return work.run();
            } finally {
                depth[0]--;
            }
        }
        long start = THREADS.getCurrentThreadCpuTime();
        try {
            return work.run();
        } finally {
            depth[0]--;
            nanos.add(THREADS.getCurrentThreadCpuTime() - start);
        }
    }
}
